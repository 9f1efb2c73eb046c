// The servers the benchmark drives, each a process of its own so that none shares an event loop with the harness.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { findFreeLoopbackPort } from "@custos/testing";
import { buildGateway } from "../test/gateway-process.ts";

const GATEWAY_DIR = fileURLToPath(new URL("..", import.meta.url));
const STARTUP_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  /** Base URL; GraphQL at `${url}/graphql`. */
  url: string;
  /** The server's own process (node, no wrapper), whose memory the benchmark reads. */
  pid: number;
  stop(): Promise<void>;
}

/** Starts `node <args>` in the gateway package and waits until `${url}${readyPath}` answers (below 500). */
async function startNodeProcess(args: string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<ServerProcess> {
  const port = await findFreeLoopbackPort();
  const child = spawn(process.execPath, args, {
    cwd: GATEWAY_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${url}${readyPath}`, () => output);
  if (child.pid === undefined) throw new Error(`${args.join(" ")} did not start`);
  return { url, pid: child.pid, stop: () => stopProcess(child) };
}

async function waitUntilReady(child: ChildProcess, probe: string, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${probe} exited with ${child.exitCode} before it answered:\n${output()}`);
    const answered = await fetch(probe).then(
      (response) => response.status < 500,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`${probe} did not answer within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** SIGTERM lets the gateway close its database and, under --cpu-prof, write its profile. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await once(child, "exit");
  clearTimeout(killer);
}

export interface GatewayProcessOptions {
  /** PostgreSQL; the embedded database in this folder with `embeddedDataDir` instead. */
  databaseUrl?: string;
  embeddedDataDir?: string;
  keyPepper: string;
  /** Turns /metrics on with this bearer token. */
  metricsToken?: string;
  /** Extra node flags, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  nodeFlags?: readonly string[];
}

let builtGateway: string[] | undefined;

/**
 * The one place the benchmark starts a gateway: built, as `pnpm start:prod` runs it, rate limits off; on PostgreSQL
 * in production mode, or on the embedded database as `npm start` runs it. It is built once per run into a folder of
 * its own, so a test build elsewhere in dist/ cannot be measured instead.
 */
export function startGatewayProcess(options: GatewayProcessOptions): Promise<ServerProcess> {
  const database = options.embeddedDataDir
    ? { CUSTOS_DATA_DIR: options.embeddedDataDir, DATABASE_URL: "" }
    : // Production needs TLS; a deployment terminates it at a proxy, which on loopback is the load generator's place.
      { DATABASE_URL: options.databaseUrl, NODE_ENV: "production", CUSTOS_TRUSTED_PROXIES: "127.0.0.1" };
  const env = {
    ...database,
    CUSTOS_KEY_PEPPER: options.keyPepper,
    CUSTOS_RATE_LIMITS: "off",
    ...(options.metricsToken ? { CUSTOS_METRICS_TOKEN: options.metricsToken } : {}),
  };
  builtGateway ??= buildGateway("bench");
  return startNodeProcess([...(options.nodeFlags ?? []), ...builtGateway], env, "/health");
}

/** The baseline: a hello-world Apollo Server of the gateway's version answering the catalogue from memory. */
export function startHelloServer(): Promise<ServerProcess> {
  return startNodeProcess(["--import", "tsx", "bench/hello-server.ts"], { NODE_ENV: "production" }, "/");
}
