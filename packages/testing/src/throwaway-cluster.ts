import { execFile } from "node:child_process";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startClusterWatchdog } from "./cluster-watchdog.ts";
import { findFreeLoopbackPort } from "./free-port.ts";
import { answers } from "./pg-client.ts";
import { findPostgresBinaries } from "./postgres-binaries.ts";
import { postgresRunAs, runProgram } from "./run-as.ts";

const execFileAsync = promisify(execFile);

export interface ThrowawayCluster {
  readonly adminUrl: string;
  readonly folder: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
  /**
   * Sends `signal` to the server and every backend it started: SIGSTOP freezes the whole cluster (a hung database),
   * SIGCONT thaws it, SIGKILL kills it as a crash would (then `start` it again).
   */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and folder, after a SIGKILL; it recovers from its WAL. */
  start(): Promise<void>;
}

export interface ThrowawayClusterOptions {
  /**
   * Commits are acknowledged only once their WAL is written out (synchronous_commit on), so killing the server
   * loses no acknowledged commit; for fault tests. Fsync stays off: a killed process does not lose the OS's cache.
   */
  durable?: boolean;
}

/** The server's process and the processes it started (backends, WAL writer…). */
async function clusterProcesses(dataDir: string): Promise<number[]> {
  const postmaster = Number.parseInt((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0] ?? "", 10);
  if (!Number.isInteger(postmaster)) throw new Error(`no server process in ${dataDir}/postmaster.pid`);
  const { stdout } = await execFileAsync("ps", ["-o", "pid=", "--ppid", String(postmaster)]).catch(() => ({ stdout: "" }));
  const children = stdout
    .split("\n")
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter(Number.isInteger);
  return [postmaster, ...children];
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Field 3 is the state; a zombie (Z) or dead (X) process holds nothing any more.
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return stat !== "" && state !== "Z" && state !== "X";
}

async function waitUntilGone(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const pid of pids) {
    while (await isAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`process ${pid} of the cluster outlived SIGKILL`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** initdb's a new cluster in a temp folder and starts it on a free loopback port, tuned for tests. */
export async function startThrowawayCluster(options: ThrowawayClusterOptions = {}): Promise<ThrowawayCluster> {
  const { initdb, pgCtl } = await findPostgresBinaries();
  const runAs = await postgresRunAs();
  const folder = await mkdtemp(join(tmpdir(), "custos-pg-"));
  if (runAs) await chown(folder, runAs.uid, runAs.gid);
  const dataDir = join(folder, "data");
  const logFile = join(folder, "server.log");
  const stopArgs = ["stop", "-m", "fast", "-D", dataDir];
  const watchdog = await startClusterWatchdog({ stopProgram: pgCtl, stopArgs, folder, runAs });

  const stop = async () => {
    watchdog.dismiss();
    try {
      await runProgram(pgCtl, stopArgs, folder, runAs);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };

  try {
    // C.UTF-8 like the project's PostgreSQL servers, whatever locale the test process has.
    await runProgram(
      initdb,
      ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"],
      folder,
      runAs,
    );
    const port = await findFreeLoopbackPort();
    const commit = options.durable ? "" : " -c synchronous_commit=off";
    const serverOptions = `-h 127.0.0.1 -p ${port} -k '${folder}' -c fsync=off -c full_page_writes=off${commit}`;
    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const start = async () => {
      // -l sends the server's output to a file: otherwise the server inherits pg_ctl's pipes and keeps them open.
      try {
        await runProgram(pgCtl, ["start", "-w", "-D", dataDir, "-l", logFile, "-o", serverOptions], folder, runAs);
      } catch (error) {
        const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
        throw new Error(`${(error as Error).message}\nServer log (end):\n${tail}`);
      }
      if (!(await answers(adminUrl, 10_000))) throw new Error(`the server does not accept connections at ${adminUrl}`);
    };
    await start();
    const signal = async (name: NodeJS.Signals) => {
      const pids = await clusterProcesses(dataDir);
      for (const pid of pids) {
        try {
          process.kill(pid, name);
        } catch {
          // Gone already: a backend that ended between listing and signalling.
        }
      }
      if (name !== "SIGKILL") return;
      // A restart must not find the old server still holding its port and shared memory. Its lock file stays behind,
      // and where nothing reaps the dead server (a container's init), its pid still looks alive: remove the files.
      await waitUntilGone(pids);
      for (const lockFile of [join(dataDir, "postmaster.pid"), join(folder, `.s.PGSQL.${port}.lock`), join(folder, `.s.PGSQL.${port}`)]) {
        await rm(lockFile, { force: true });
      }
    };
    return { adminUrl, folder, stop, signal, start };
  } catch (error) {
    const serverLog = await readFile(logFile, "utf8").then(
      (log) => `\nServer log:\n${log}`,
      () => "",
    );
    await stop().catch(() => {});
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${(error as Error).message}${serverLog}`, {
      cause: error,
    });
  }
}
