// Issue 11: a CLI beside the gateway on the embedded database lost acknowledged writes, and the commands answered
// a port in use or --help with a stack trace.
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "@custos/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../../src/app/server.ts";
import { runSource as run } from "../gateway-process.ts";
import { TEST_KEY_PEPPER } from "../harness.ts";

const STACK = /^\s+at /m;

describe("issue 11: the command line", () => {
  it("`pnpm keys --help` and `pnpm retention --help` print their usage, not a stack trace", async () => {
    for (const file of ["app/cli/keys.ts", "app/cli/retention.ts"]) {
      const help = await run(file, ["--help"]);
      expect(help.code, file).toBe(0);
      expect(help.stdout, file).toMatch(/^Usage:/);
      const wrong = await run(file, ["--no-such-option"]);
      expect(wrong.code, file).toBe(2);
      expect(wrong.stderr, file).not.toMatch(STACK);
    }
  });

  it("a port in use is one clear line, not an EADDRINUSE stack", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await once(taken, "listening");
    const { port } = taken.address() as { port: number };
    try {
      const started = await run("main.ts", [], { PORT: String(port), CUSTOS_DATA_DIR: "memory://", CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER });
      expect(started.code).toBe(1);
      expect(started.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: port ${port} on 127.0.0.1 is in use`);
      expect(started.stderr).not.toMatch(STACK);
    } finally {
      taken.close();
    }
  });

  it("the pepper is required on PostgreSQL: a clear start-up error instead of a checkout's own pepper", async () => {
    const started = await run("main.ts", [], { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", CUSTOS_KEY_PEPPER: "", NODE_ENV: "" });
    expect(started.code).toBe(1);
    expect(started.stderr).toMatch(/CUSTOS_KEY_PEPPER must be set .* PostgreSQL/);
    expect(started.stderr).not.toMatch(STACK);
  });

  it("a bad rate-limit variable stops the start with one line that names it", async () => {
    const started = await run("main.ts", [], {
      CUSTOS_DATA_DIR: "memory://",
      CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
      CUSTOS_RATE_LIMIT_SERVICE: "lots",
    });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('CUSTOS_RATE_LIMIT_SERVICE must be a whole number of at least 1, not "lots".');
    expect(started.stderr).not.toMatch(STACK);
  });
});

describe("issue 11: the embedded database is one process's", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "custos-lock-"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("`pnpm keys create` while the gateway runs is refused with a clear message, and the gateway's acknowledged write survives", async () => {
    const dataDir = join(folder, "pglite");
    const database = await prepareDatabase({ kind: "pglite", dataDir });
    const gateway = await startGateway({ prisma: database.prisma, port: 0, keyPepper: TEST_KEY_PEPPER });
    try {
      const answer = await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }",
          variables: { input: { type: "QUESTION", jurisdiction: "DE", contactEmail: "asker@example.com" } },
        }),
      });
      expect((await answer.json()).data.submitRequest.request.id).toEqual(expect.any(String));
      const env = { CUSTOS_DATA_DIR: dataDir, CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER };
      for (const [file, args] of [
        ["app/cli/keys.ts", ["create", "--kind", "STAFF", "--name", "beside the gateway"]],
        ["app/cli/retention.ts", ["sweep"]],
      ] as const) {
        const refused = await run(file, [...args], env);
        expect(refused.code, file).toBe(1);
        expect(refused.stderr, file).toMatch(/open in another process .* stop that process first, or do this through the running gateway/);
        expect(refused.stderr, file).not.toMatch(STACK);
      }
      expect(await database.prisma.apiKey.count()).toBe(0);
    } finally {
      await gateway.stop();
      await database.close();
    }
    // Once the gateway has let go, the command works on the same folder.
    const created = await run("app/cli/keys.ts", ["create", "--kind", "STAFF", "--name", "after the gateway"], {
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created STAFF key/);
    const reopened = await prepareDatabase({ kind: "pglite", dataDir });
    try {
      expect([await reopened.prisma.privacyRequest.count(), await reopened.prisma.apiKey.count()]).toEqual([1, 1]);
    } finally {
      await reopened.close();
    }
  });
});
