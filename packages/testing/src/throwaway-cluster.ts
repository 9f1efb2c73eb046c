import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startClusterWatchdog } from "./cluster-watchdog.ts";
import { findFreeLoopbackPort } from "./free-port.ts";
import { answers } from "./pg-client.ts";
import { findPostgresBinaries } from "./postgres-binaries.ts";
import { postgresRunAs, runProgram } from "./run-as.ts";

export interface ThrowawayCluster {
  readonly adminUrl: string;
  readonly folder: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** initdb's a new cluster in a temp folder and starts it on a free loopback port, tuned for tests. */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
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
    const serverOptions = `-h 127.0.0.1 -p ${port} -k '${folder}' -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
    // -l sends the server's output to a file: otherwise the server inherits pg_ctl's pipes and keeps them open.
    await runProgram(pgCtl, ["start", "-w", "-D", dataDir, "-l", logFile, "-o", serverOptions], folder, runAs);
    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    if (!(await answers(adminUrl, 10_000))) throw new Error(`the server does not accept connections at ${adminUrl}`);
    return { adminUrl, folder, stop };
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
