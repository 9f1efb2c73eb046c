import { type PrismaClient, scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase, TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { withLedgerLock } from "../consent/ledger-writer.ts";
import { sweepRetention } from "./sweep.ts";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const LONG_AGO = new Date("2022-01-15T00:00:00.000Z");
const RECENTLY = new Date("2025-01-15T00:00:00.000Z");

/** A consent event written through the real ledger (so the chain stays valid), dated in the past. */
async function pastConsentEvent(
  prisma: PrismaClient,
  tenantId: string,
  event: { subjectId: string; purposeId: string; occurredAt: Date; proof?: { userAgent: string; ipHash: string; pageUrl: string } },
) {
  await withLedgerLock(scopeToTenant(prisma, tenantId), tenantId, (_tx, ledger) =>
    ledger.append({
      subjectId: event.subjectId,
      target: { kind: "PURPOSE", id: event.purposeId },
      decision: "GRANTED",
      channel: "BANNER",
      policyVersionId: null,
      jurisdiction: null,
      occurredAt: event.occurredAt,
      expiresAt: null,
      proof: event.proof ?? { userAgent: null, ipHash: null, pageUrl: null },
      gpc: null,
      tcString: null,
      gppString: null,
    }),
  );
}

/** Subjects past due (collected long ago) and not (recently), each with a consent event carrying device proof. */
export async function seedRetentionWorld(prisma: PrismaClient, tenantId: string) {
  const categories = new Map((await prisma.dataCategory.findMany({ where: { tenantId } })).map((category) => [category.key, category.id]));
  const identity = categories.get("identity") as string;
  const usage = categories.get("usage") as string;
  await prisma.retentionPolicy.createMany({
    data: [
      { tenantId, dataCategoryId: identity, trigger: "COLLECTION", action: "ANONYMISE", legalBasis: "CONTRACT" },
      { tenantId, dataCategoryId: usage, periodMonths: 12, trigger: "COLLECTION", action: "DELETE", legalBasis: "LEGITIMATE_INTEREST" },
    ],
  });
  const marketing = await prisma.purpose.findFirstOrThrow({ where: { tenantId, key: "marketing" } });
  const subject = async (externalId: string, createdAt: Date) => {
    const row = await prisma.dataSubject.create({ data: { tenantId, externalId, contactEmail: `${externalId}@example.test`, createdAt } });
    await pastConsentEvent(prisma, tenantId, {
      subjectId: row.id,
      purposeId: marketing.id,
      occurredAt: createdAt,
      proof: { userAgent: "Mozilla/5.0", ipHash: "ab12", pageUrl: "https://shop.test/" },
    });
    return row;
  };
  const due = await Promise.all(Array.from({ length: 7 }, (_, index) => subject(`old-${index}`, LONG_AGO)));
  const fresh = await Promise.all(Array.from({ length: 3 }, (_, index) => subject(`new-${index}`, RECENTLY)));
  const heldSubject = await subject("held-1", LONG_AGO);
  await prisma.legalHold.create({ data: { tenantId, subjectId: heldSubject.id, reason: "litigation" } });
  const releasedHold = await subject("released-1", LONG_AGO);
  await prisma.legalHold.create({ data: { tenantId, subjectId: releasedHold.id, reason: "over", releasedAt: RECENTLY } });
  await prisma.dataSystem.create({ data: { tenantId, key: "orders-app", name: "Orders" } });
  return { due: [...due, releasedHold], fresh, heldSubject, identity, usage };
}

describe.each(TEST_ENGINES)("the retention sweep on %s", (engine) => {
  it("anonymises exactly what is past due, nothing under hold, reports a dry run first, and records both runs", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
    const world = await seedRetentionWorld(prisma, tenantId);
    const db = scopeToTenant(prisma, tenantId);
    const lines: string[] = [];

    const dry = await sweepRetention(db, tenantId, { dryRun: true, now: NOW, batchSize: 3, onProgress: (line) => lines.push(line) });
    expect(dry.counts.identity).toEqual({ processed: 8, held: 1, tasksQueued: 1 });
    expect(await prisma.dataSubject.count({ where: { erasedAt: { not: null } } })).toBe(0);
    expect(await prisma.retentionTask.count()).toBe(0);
    expect(lines).toContain("identity: would anonymise 8 subjects; 1 kept under hold");

    const real = await sweepRetention(db, tenantId, { now: NOW, batchSize: 3, onProgress: (line) => lines.push(line) });
    expect(real.counts).toEqual({
      identity: { processed: 8, held: 1, tasksQueued: 1 },
      // Every consent proof is past its 12 months; the erased subjects' went with them, the held subject's stays.
      usage: { processed: 3, held: 1, tasksQueued: 1 },
    });
    const erased = await prisma.dataSubject.findMany({
      where: { erasedAt: { not: null } },
      select: { id: true, externalId: true, contactEmail: true },
    });
    expect(erased.map((row) => row.id).sort()).toEqual(world.due.map((row) => row.id).sort());
    expect(erased.every((row) => row.externalId === `erased:${row.id}` && row.contactEmail === null)).toBe(true);
    const held = await prisma.dataSubject.findUniqueOrThrow({ where: { id: world.heldSubject.id }, include: { consentEvents: true } });
    expect(held.externalId).toBe("held-1");
    expect(held.consentEvents[0]?.userAgent).toBe("Mozilla/5.0");
    expect(await prisma.consentEvent.count({ where: { userAgent: { not: null } } })).toBe(1);
    expect(lines).toContain("identity: 8/8 subjects processed");

    const runs = await prisma.retentionRun.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => [run.dryRun, run.status, run.finishedAt !== null])).toEqual([
      [true, "SUCCEEDED", true],
      [false, "SUCCEEDED", true],
    ]);
    const [task] = await prisma.retentionTask.findMany({ where: { dataCategoryId: world.identity } });
    expect(task).toMatchObject({ action: "ANONYMISE", heldSubjectIds: ["held-1"], status: "PENDING" });

    const again = await sweepRetention(db, tenantId, { now: NOW });
    expect(again.counts.identity?.processed).toBe(0);
  });

  it("keeps everything in a category under a hold on the category, and queues no task for it", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
    const world = await seedRetentionWorld(prisma, tenantId);
    await prisma.legalHold.create({
      data: { tenantId, dataCategoryId: world.identity, reason: "regulator inquiry", expiresAt: new Date("2027-01-01") },
    });
    const result = await sweepRetention(scopeToTenant(prisma, tenantId), tenantId, { now: NOW });
    expect(result.counts.identity).toEqual({ processed: 0, held: 9, tasksQueued: 0 });
    // The hold names the identity category only; the subject-wide hold still keeps one subject's proof.
    expect(result.counts.usage).toEqual({ processed: 11, held: 1, tasksQueued: 1 });
  });

  it("starts the clocks from Custos's own events: last activity, a closed request; and marks an abandoned run failed", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
    const identity = await prisma.dataCategory.findFirstOrThrow({ where: { tenantId, key: "identity" } });
    const marketing = await prisma.purpose.findFirstOrThrow({ where: { tenantId, key: "marketing" } });
    const subject = (externalId: string) => prisma.dataSubject.create({ data: { tenantId, externalId, createdAt: LONG_AGO } });
    const request = (subjectId: string, closedAt: Date | null) =>
      prisma.privacyRequest.create({
        data: { tenantId, subjectId, type: "QUESTION", jurisdiction: "DE", receivedAt: LONG_AGO, dueAt: LONG_AGO, closedAt },
      });

    const idle = await subject("idle");
    const active = await subject("active");
    await pastConsentEvent(prisma, tenantId, { subjectId: active.id, purposeId: marketing.id, occurredAt: RECENTLY });
    const closedLongAgo = await subject("closed-long-ago");
    await request(closedLongAgo.id, LONG_AGO);
    const stillOpen = await subject("still-open");
    await request(stillOpen.id, LONG_AGO);
    await request(stillOpen.id, null);
    const stale = await prisma.retentionRun.create({ data: { tenantId, dryRun: false, heartbeatAt: LONG_AGO } });

    const db = scopeToTenant(prisma, tenantId);
    const erasedBy = async (trigger: "LAST_ACTIVITY" | "REQUEST_CLOSED") => {
      await prisma.retentionPolicy.upsert({
        where: { tenantId_dataCategoryId: { tenantId, dataCategoryId: identity.id } },
        create: { tenantId, dataCategoryId: identity.id, trigger, action: "DELETE", legalBasis: "CONTRACT" },
        update: { trigger },
      });
      const before = new Set((await prisma.dataSubject.findMany({ where: { erasedAt: { not: null } } })).map((row) => row.id));
      await sweepRetention(db, tenantId, { now: NOW });
      return (await prisma.dataSubject.findMany({ where: { erasedAt: { not: null } } }))
        .filter((row) => !before.has(row.id))
        .map((row) => row.id);
    };

    // 36 months after the last activity: the subject who consented in 2025 is kept.
    expect((await erasedBy("LAST_ACTIVITY")).sort()).toEqual([idle.id, closedLongAgo.id, stillOpen.id].sort());
    await prisma.dataSubject.updateMany({ where: { id: { in: [closedLongAgo.id, stillOpen.id] } }, data: { erasedAt: null } });
    // After the request closed: a subject with a request still open has no clock yet.
    expect(await erasedBy("REQUEST_CLOSED")).toEqual([closedLongAgo.id]);
    expect(await prisma.retentionRun.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "FAILED" });
  });
});
