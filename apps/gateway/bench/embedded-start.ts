// How long `npm start` takes to the first answered query on the embedded database: in this checkout (dependencies
// installed, builds cached) on a fresh database, on a fresh clone of HEAD (installs from the package store, builds,
// makes the database template), and restarted on a database it made before (issue 28's goals: 30 s and 3 s).
// Each start is its own process group, stopped whole (npm, turbo, the gateway, the desk, the shop) even on failure.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findFreeLoopbackPort } from "@custos/testing";

const REPOSITORY = fileURLToPath(new URL("../../..", import.meta.url));
const QUERY = JSON.stringify({ query: "{ purposes { key name legalBasis requiresConsent } }" });
/** A fresh clone installs and builds everything on a loaded machine: minutes, not hours. */
const ANSWER_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;

/** Free ports for everything `npm start` serves, so that it collides with nothing else running. */
async function freePorts(): Promise<NodeJS.ProcessEnv> {
  const [gateway, desk, oidc, shop] = [
    await findFreeLoopbackPort(),
    await findFreeLoopbackPort(),
    await findFreeLoopbackPort(),
    await findFreeLoopbackPort(),
  ];
  return { PORT: String(gateway), DESK_PORT: String(desk), OIDC_PORT: String(oidc), STOREFRONT_PORT: String(shop) };
}

/** Stops a start's whole process group: SIGTERM, then SIGKILL past the deadline, and whatever the leader left. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, "exit");
    signalGroup("SIGTERM");
    const deadline = setTimeout(() => signalGroup("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(deadline);
  }
  signalGroup("SIGKILL");
}

/**
 * Runs `npm start` in `cwd` with `env` and resolves with the seconds until the gateway answers the query, and the
 * running start; rejects (having stopped it) if it exits or takes too long first.
 */
async function startUntilAnswered(cwd: string, env: NodeJS.ProcessEnv): Promise<{ seconds: number; child: ChildProcess }> {
  const started = performance.now();
  // detached: its own process group, so stopping it stops npm, turbo, the gateway, the desk and the shop together.
  const child = spawn("npm", ["start"], { cwd, env: { ...process.env, DATABASE_URL: "", ...env }, stdio: "ignore", detached: true });
  try {
    while (child.exitCode === null && performance.now() - started < ANSWER_TIMEOUT_MS) {
      const answered = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: QUERY,
      }).then(
        async (response) => response.ok && !("errors" in ((await response.json()) as object)),
        () => false,
      );
      if (answered) return { seconds: (performance.now() - started) / 1000, child };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      child.exitCode === null ? "npm start did not answer in time" : `npm start exited with ${child.exitCode} before it answered`,
    );
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
}

/** `npm start` in this checkout on a fresh embedded database, in a folder of its own. */
export async function secondsToFirstAnswer(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), "custos-bench-start-"));
  try {
    const { seconds, child } = await startUntilAnswered(REPOSITORY, { ...(await freePorts()), CUSTOS_DATA_DIR: dataDir });
    await stopGroup(child);
    return seconds;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npm start` in a fresh clone of this repository's HEAD, with its own database; the clone is removed after. */
export async function secondsFromFreshClone(): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), "custos-bench-clone-"));
  try {
    const clone = join(folder, "custos");
    execFileSync("git", ["clone", "--quiet", REPOSITORY, clone], { stdio: "ignore" });
    const { seconds, child } = await startUntilAnswered(clone, { ...(await freePorts()), CUSTOS_DATA_DIR: "" });
    await stopGroup(child);
    return seconds;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** `npm start` in this checkout, stopped and started again on the database (and ports) of its first start. */
export async function secondsToWarmRestart(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), "custos-bench-restart-"));
  try {
    const env = { ...(await freePorts()), CUSTOS_DATA_DIR: dataDir };
    await stopGroup((await startUntilAnswered(REPOSITORY, env)).child);
    const { seconds, child } = await startUntilAnswered(REPOSITORY, env);
    await stopGroup(child);
    return seconds;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
