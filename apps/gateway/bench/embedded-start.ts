// How long `pnpm start` takes, dependencies installed, from the command to the first answered query, on a fresh
// embedded database (the first start migrates and seeds it).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findFreeLoopbackPort } from "@custos/testing";

const REPOSITORY = fileURLToPath(new URL("../../..", import.meta.url));
const QUERY = JSON.stringify({ query: "{ purposes { key name legalBasis requiresConsent } }" });

export async function secondsToFirstAnswer(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), "custos-bench-start-"));
  const port = await findFreeLoopbackPort();
  const started = performance.now();
  // detached: its own process group, so stopping it stops pnpm, turbo and the gateway together.
  const child = spawn("pnpm", ["start"], {
    cwd: REPOSITORY,
    env: { ...process.env, CUSTOS_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "" },
    stdio: "ignore",
    detached: true,
  });
  try {
    while (child.exitCode === null) {
      const answered = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: QUERY,
      }).then(
        async (response) => response.ok && !("errors" in ((await response.json()) as object)),
        () => false,
      );
      if (answered) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`pnpm start exited with ${child.exitCode} before it answered`);
  } finally {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      await once(child, "exit");
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
