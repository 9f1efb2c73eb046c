// Issue 25, finding 8: the README's production command was `pnpm start:prod`, and pnpm does not pass SIGTERM on: pnpm
// and its shell exited at once and the gateway ran on, orphaned, never drained. The README now runs node itself; this
// test runs exactly the command the README gives, signals it, and sees a request in flight answered and exit 0.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { descendantsOf, gatewayDir, isAlive, repoDir, slowRequest, spawnGatewayProcess } from "../gateway-process.ts";
import { TEST_KEY_PEPPER } from "../harness.ts";

/** The production command from the README's "Running in production": the words after the variables' assignments. */
function readmeProductionCommand(): string[] {
  const readme = readFileSync(join(repoDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Running in production"), readme.indexOf("### TLS"));
  const line = section.split("\n").find((text) => text.startsWith("NODE_ENV=production "));
  if (!line) throw new Error("no NODE_ENV=production command in the README's Running in production");
  return line.split(/\s+/).filter((word) => word !== "" && !/^[A-Z_]+=/.test(word));
}

describe("issue 25: the README's production command drains on SIGTERM", () => {
  let command: string[];
  beforeAll(() => {
    command = readmeProductionCommand();
    // The release build the command runs (tsup cleans only its own files in dist/, not the other tests' builds).
    execFileSync("pnpm", ["exec", "tsup", "--silent"], { cwd: gatewayDir, stdio: "inherit" });
  }, 120_000);

  it.each([
    ["the README's production command", () => command],
    // `exec` in the script: pnpm passes the signal to its child, which must be node, not a `sh -c` that keeps it.
    ["pnpm start:prod", () => ["pnpm", "start:prod"]],
  ])(
    "%s finishes the request in flight at SIGTERM, exits 0 within 10 s and leaves no process behind",
    async (name, commandLine) => {
      const [program = "", ...args] = commandLine();
      const gateway = await spawnGatewayProcess(
        {
          NODE_ENV: "production",
          CUSTOS_EMBEDDED: "1",
          CUSTOS_DATA_DIR: "memory://",
          CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
          CUSTOS_TRUSTED_PROXIES: "127.0.0.1",
        },
        { command: program === "node" ? process.execPath : program, args, cwd: repoDir },
      );
      // Whatever the command started below itself (a package manager's shell and node, when it is not node itself).
      const below = descendantsOf(gateway.child.pid ?? 0);
      try {
        const request = slowRequest(gateway.url);
        await request.sent;
        await sleep(500);
        const signalled = performance.now();
        gateway.child.kill("SIGTERM");
        await sleep(500);
        request.finish();
        const answer = await request.ended;
        const { code, signal } = await gateway.exited;
        const drainMs = Math.round(performance.now() - signalled);
        console.log(`${name}: SIGTERM to exit ${code ?? signal} in ${drainMs} ms`);
        expect(answer).toMatch(/^HTTP\/1\.1 200 /);
        expect(code).toBe(0);
        expect(drainMs).toBeLessThan(10_000);
        expect(gateway.output()).toContain('"message":"stopping: draining requests and jobs"');
        expect(gateway.output()).toContain('"message":"stopped"');
        expect(below.filter(isAlive)).toEqual([]);
      } finally {
        await gateway.stop();
        for (const pid of below.filter(isAlive)) process.kill(pid, "SIGKILL");
      }
    },
    90_000,
  );
});
