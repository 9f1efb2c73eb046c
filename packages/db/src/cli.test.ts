import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createTestDatabase } from "@custos/testing";
import { expect, inject, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function db(args: string[], env: Record<string, string> = {}) {
  const run = promisify(execFile)("pnpm", ["exec", "tsx", "src/cli.ts", ...args], { cwd: packageDir, env: { ...process.env, ...env } });
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

it("`pnpm db` migrates a PostgreSQL database, reports its status, and seeds it", async () => {
  const database = await createTestDatabase(inject("postgresAdminUrl"));
  const env = { DATABASE_URL: database.url };
  try {
    const before = await db(["status"], env);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^pending: \d{14}_init/m);

    const migrate = await db(["migrate"], env);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d{14}_init/);

    expect(await db(["status"], env)).toMatchObject({ code: 0, stdout: expect.stringContaining("up to date") });
    expect(await db(["seed"], env)).toMatchObject({ code: 0, stdout: expect.stringMatching(/seeded the catalogue/) });
  } finally {
    await database.drop();
  }
});

it("`pnpm db check` passes on the committed folder, and unknown commands print the usage", async () => {
  expect(await db(["check"])).toMatchObject({ code: 0, stdout: expect.stringContaining("no drift") });
  const unknown = await db(["frobnicate"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("usage: pnpm db <command>");
});
