// A gateway as its own operating-system process, the way it runs in production: for the tests of shutdown, of several
// gateways on one database, and for the start-up benchmark.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

export const gatewayDir = fileURLToPath(new URL("..", import.meta.url));
export const repoDir = fileURLToPath(new URL("../../..", import.meta.url));
/** The same code run from TypeScript source through tsx's loader. */
export const SOURCE_GATEWAY = ["--import", "tsx", "src/main.ts"];

export interface GatewayProcess {
  child: ChildProcess;
  /** Base URL read from the gateway's start banner. */
  url: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Builds the gateway into a folder of its own below dist/ (test files run at once must not clean each other's build)
 * and returns the node arguments that run it. tsup takes a few seconds.
 */
export function buildGateway(name: string): string[] {
  const outDir = `dist/${name}`;
  execFileSync("pnpm", ["exec", "tsup", "--silent", "--out-dir", outDir], { cwd: gatewayDir, stdio: "inherit" });
  return ["--enable-source-maps", `${outDir}/main.js`];
}

export interface SpawnOptions {
  /** What to run: node's arguments (buildGateway's, or SOURCE_GATEWAY), or `command`'s. */
  args: string[];
  command?: string;
  cwd?: string;
  startTimeoutMs?: number;
}

/**
 * Starts `command args` (node by default) in the gateway's folder with `env` over this process's environment, and
 * resolves once the banner names the URL.
 */
export async function spawnGatewayProcess(
  env: Record<string, string>,
  { args, command = process.execPath, cwd = gatewayDir, startTimeoutMs = 60_000 }: SpawnOptions,
): Promise<GatewayProcess> {
  const child = spawn(command, args, { cwd, env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no gateway banner within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /GraphQL: (http\S+)\/graphql/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited (${code ?? signal}) before it started:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { child, url, output: () => output, exited, stop, [Symbol.asyncDispose]: async () => void (await stop()) };
}

/** Every process below `pid`, children first found first. */
export function descendantsOf(pid: number): number[] {
  let listed = "";
  try {
    listed = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = listed
    .split("\n")
    .map(Number)
    .filter((child) => child > 0);
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/**
 * Whether the process still runs. A zombie does not: it has exited and waits only to be reaped, which an orphan's
 * new parent does (a container's PID 1 may never do it; tsx's esbuild service, orphaned by its exiting parent, is one).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses, the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Runs one of the gateway's source files (`main.ts`, `app/cli/keys.ts`) as its own process, as `pnpm` would. */
export function runSource(file: string, args: string[], env: Record<string, string> = {}, timeoutMs = 90_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL(`../src/${file}`, import.meta.url)), ...args],
      { env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A request whose body arrives in two parts: it is in flight, on an open connection, until `finish` is called. */
export function slowRequest(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const body = JSON.stringify({ query: "{ purposes { key } }" });
  const socket = connect(Number(port), hostname);
  let answer = "";
  socket.on("data", (chunk) => {
    answer += chunk.toString();
  });
  const ended = new Promise<string>((resolve, reject) => {
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
  const sent = new Promise<void>((resolve) =>
    socket.once("connect", () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
      );
      socket.write(body.slice(0, 10), () => resolve());
    }),
  );
  return { sent, finish: () => socket.write(body.slice(10)), ended };
}
