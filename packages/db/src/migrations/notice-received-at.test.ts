// Issue 24: notices name the request by the day it was received. The migration that brought that in adds the day to
// notices queued before it from their request, so a notice retried after the upgrade does not print a wrong date.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "../database.ts";
import { migrationsDir } from "../paths.ts";
import { applyMigrations } from "./migrator.ts";

const BACKFILL = "20261207150300_notice_grounds_and_answers";

it("adds receivedAt to request notices still to be sent, from their request, and leaves the others", { timeout: 120_000 }, async () => {
  // The migrations as they were before the backfill: a copy of the folder without it and anything after it.
  const before = await mkdtemp(path.join(tmpdir(), "custos-migrations-"));
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    await cp(migrationsDir, before, { recursive: true });
    for (const name of await readdir(before)) if (name >= BACKFILL) await rm(path.join(before, name), { recursive: true, force: true });
    await applyMigrations(db, { migrationsDir: before });

    const connection = await db.adapterFactory.connect();
    const run = (sql: string) => connection.executeRaw({ sql, args: [], argTypes: [] });
    await run(`INSERT INTO "Tenant" (id, slug, "controllerName", "controllerEmail")
      VALUES ('00000000-0000-4000-8000-000000000001', 't24', 'Shop', 'privacy@shop.example')`);
    await run(`INSERT INTO "PrivacyRequest" (id, "tenantId", type, jurisdiction, "receivedAt", "dueAt")
      VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'ACCESS', 'RU',
        '2026-10-06 07:00:00.123', '2026-10-20 20:59:59.999')`);
    const notice = (id: number, template: string, status: string) =>
      run(`INSERT INTO "OutboxMessage" (id, "tenantId", template, recipient, payload, status)
        VALUES ('00000000-0000-4000-8000-00000000001${id}', '00000000-0000-4000-8000-000000000001', '${template}', 'olga@example.com',
          '{"requestId": "00000000-0000-4000-8000-000000000002"}', '${status}')`);
    await notice(1, "request.rejection", "PENDING");
    await notice(2, "request.completion", "FAILED");
    await notice(3, "request.acknowledgement", "SENT");
    await connection.dispose();

    await applyMigrations(db);
    const check = await db.adapterFactory.connect();
    const rows = await check.queryRaw({
      sql: `SELECT template, payload->>'receivedAt' FROM "OutboxMessage" ORDER BY id`,
      args: [],
      argTypes: [],
    });
    await check.dispose();
    expect(rows.rows).toEqual([
      ["request.rejection", "2026-10-06T07:00:00.123Z"],
      ["request.completion", "2026-10-06T07:00:00.123Z"],
      ["request.acknowledgement", null],
    ]);
  } finally {
    await db.close();
    await rm(before, { recursive: true, force: true });
  }
});
