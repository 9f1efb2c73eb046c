// Issue 25, finding 8: the commands opened the database before they looked at their arguments, so `pnpm keys
// frobnicate` beside a running gateway said the database was open elsewhere. A wrong command line now answers its
// usage and exit code 2 first, whoever holds the embedded database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "@custos/db";
import { describe, expect, it } from "vitest";
import { startGateway } from "../../src/app/server.ts";
import { runSource as run } from "../gateway-process.ts";
import { TEST_KEY_PEPPER } from "../harness.ts";

describe("issue 25: the commands check their arguments before the database", () => {
  it("a bad subcommand or flag answers usage and exits 2 while the gateway holds the embedded database", async () => {
    const folder = await mkdtemp(join(tmpdir(), "custos-args-"));
    const dataDir = join(folder, "pglite");
    const database = await prepareDatabase({ kind: "pglite", dataDir });
    const gateway = await startGateway({ prisma: database.prisma, port: 0, keyPepper: TEST_KEY_PEPPER });
    try {
      const env = { CUSTOS_DATA_DIR: dataDir, CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER };
      const commands: [string, string[], RegExp | undefined][] = [
        ["app/cli/keys.ts", ["frobnicate"], undefined],
        ["app/cli/keys.ts", ["create", "--kind", "WIZARD", "--name", "x"], /^--kind must be one of /],
        ["app/cli/keys.ts", ["revoke"], undefined],
        ["app/cli/systems.ts", ["frobnicate"], undefined],
        ["app/cli/retention.ts", ["sweep", "--batch", "0"], /^--batch must be a whole number of at least 1\./],
      ];
      const answers = await Promise.all(commands.map(([file, args]) => run(file, args, env)));
      answers.forEach((answer, index) => {
        const [file, args, problem] = commands[index] ?? [];
        const label = `${file} ${args?.join(" ")}`;
        expect(answer.code, `${label}: ${answer.stderr}`).toBe(2);
        expect(answer.stderr, label).toMatch(/^Usage:/m);
        if (problem) expect(answer.stderr, label).toMatch(problem);
        expect(answer.stderr, label).not.toMatch(/another process/);
      });
      // A right command line still meets the lock, and says so.
      const refused = await run("app/cli/keys.ts", ["list"], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/open in another process/);
    } finally {
      await gateway.stop();
      await database.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
