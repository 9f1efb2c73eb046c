import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@custos/testing";
import { expect, inject, it } from "vitest";
import { PendingMigrationsError, prepareDatabase } from "./prepare.ts";

it("migrates and seeds an in-memory embedded database, which starts from no template", async () => {
  const lines: string[] = [];
  const ready = await prepareDatabase({ kind: "pglite", dataDir: "memory://" }, (line) => lines.push(line));
  expect(lines).toEqual([
    expect.stringMatching(/^applied \d+ migration\(s\) to PGlite/),
    "seeded the policy's catalogue, retention, transfers and example data systems (accounts, orders)",
  ]);
  expect(await ready.prisma.purpose.count()).toBe(7);
  await ready.close();
});

it("starts a new embedded folder as a copy of the migrated and seeded template, and keeps its data on the next start", async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "custos-pglite-"));
  try {
    const firstStart: string[] = [];
    const first = await prepareDatabase({ kind: "pglite", dataDir }, (line) => firstStart.push(line));
    expect(firstStart).toEqual([expect.stringMatching(/^created PGlite \(.+\) as a copy of .+pglite-template.+, migrated and seeded$/)]);
    // A database-layer test (this package sits below the gateway and its public paths): any row will do to show
    // that a restart keeps data.
    await first.prisma.dataSubject.create({ data: { tenantId: (await first.prisma.tenant.findFirstOrThrow()).id, externalId: "kept" } });
    await first.close();

    const secondStart: string[] = [];
    const second = await prepareDatabase({ kind: "pglite", dataDir }, (line) => secondStart.push(line));
    expect(secondStart).toEqual([]);
    expect(await second.prisma.purpose.count()).toBe(7);
    expect(await second.prisma.dataSubject.count({ where: { externalId: "kept" } })).toBe(1);
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

it("refuses to serve a PostgreSQL database with pending migrations, naming the command that fixes it", async () => {
  const empty = await createTestDatabase(inject("postgresAdminUrl"));
  try {
    const attempt = prepareDatabase({ kind: "postgres", url: empty.url });
    await expect(attempt).rejects.toBeInstanceOf(PendingMigrationsError);
    await expect(attempt).rejects.toThrow(/run `pnpm db migrate` first/);
  } finally {
    await empty.drop();
  }
});
