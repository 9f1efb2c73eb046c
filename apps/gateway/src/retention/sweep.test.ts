import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../../test/harness.ts";
import { sweepRetention } from "./sweep.ts";

const NOW = "2026-06-01T00:00:00.000Z";
const LONG_AGO = "2022-01-15T00:00:00.000Z";
const RECENTLY = "2025-01-15T00:00:00.000Z";

async function asStaff<T>(gateway: TestGateway, field: string, query: string, input?: Record<string, unknown>): Promise<T> {
  return dataOf<T>(await gateway.asStaff(query, input === undefined ? {} : { input }), field);
}

const POLICY = "mutation ($input: SetRetentionPolicyInput!) { setRetentionPolicy(input: $input) { id } }";
const HOLD = "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id } }";

/** A person the account system told Custos of on `day`, who consented to marketing that day on the shop's banner. */
async function subjectSince(gateway: TestGateway, externalId: string, day: string) {
  moveClockTo(day);
  await asStaff(
    gateway,
    "registerSubjectContact",
    "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }",
    {
      subjectId: externalId,
      email: `${externalId}@example.test`,
    },
  );
  await asStaff(gateway, "recordConsent", "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
    subjectId: externalId,
    purpose: "marketing",
    decision: "GRANTED",
    channel: "BANNER",
    proof: { userAgent: "Mozilla/5.0", ipAddress: "203.0.113.7", pageUrl: "https://shop.test/" },
  });
  return (await gateway.database.prisma.dataSubject.findFirstOrThrow({ where: { externalId } })).id;
}

/** Subjects past due (registered in 2022) and not (2025), one held, one whose hold was released; then the clock is at NOW. */
async function retentionWorld(gateway: TestGateway) {
  const due: string[] = [];
  for (let index = 0; index < 7; index++) due.push(await subjectSince(gateway, `old-${index}`, LONG_AGO));
  const heldSubject = await subjectSince(gateway, "held-1", LONG_AGO);
  due.push(await subjectSince(gateway, "released-1", LONG_AGO));
  const released = await asStaff<{ id: string }>(gateway, "placeLegalHold", HOLD, { subjectId: "released-1", reason: "over" });
  const fresh: string[] = [];
  for (let index = 0; index < 3; index++) fresh.push(await subjectSince(gateway, `new-${index}`, RECENTLY));
  const release = await gateway.asStaff("mutation ($id: ID!) { releaseLegalHold(id: $id) { active } }", { id: released.id });
  expect(release.data?.releaseLegalHold).toEqual({ active: false });

  moveClockTo(NOW);
  await asStaff(gateway, "setRetentionPolicy", POLICY, {
    dataCategory: "identity",
    trigger: "COLLECTION",
    action: "ANONYMISE",
    legalBasis: "CONTRACT",
  });
  await asStaff(gateway, "setRetentionPolicy", POLICY, {
    dataCategory: "usage",
    periodMonths: 12,
    trigger: "COLLECTION",
    action: "DELETE",
    legalBasis: "LEGITIMATE_INTEREST",
  });
  await asStaff(gateway, "placeLegalHold", HOLD, { subjectId: "held-1", reason: "litigation" });
  await asStaff(gateway, "createDataSystem", "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
    key: "orders-app",
    name: "Orders",
  });
  const { prisma } = gateway.database;
  const category = async (key: string) => (await prisma.dataCategory.findFirstOrThrow({ where: { tenantId: gateway.tenantId, key } })).id;
  return { due, fresh, heldSubject, identity: await category("identity") };
}

describe.each(TEST_ENGINES)("the retention sweep on %s", (engine) => {
  afterEach(restoreClock);

  it("anonymises exactly what is past due, nothing under hold, reports a dry run first, and records both runs", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const { tenantId } = gateway;
    const world = await retentionWorld(gateway);
    const db = scopeToTenant(prisma, tenantId);
    const lines: string[] = [];

    const dry = await sweepRetention(db, tenantId, { dryRun: true, batchSize: 3, onProgress: (line) => lines.push(line) });
    expect(dry.counts.identity).toEqual({ processed: 8, held: 1, tasksQueued: 1 });
    expect(await prisma.dataSubject.count({ where: { erasedAt: { not: null } } })).toBe(0);
    expect(await prisma.retentionTask.count()).toBe(0);
    expect(lines).toContain("identity: would anonymise 8 subjects; 1 kept under hold");

    const real = await sweepRetention(db, tenantId, { batchSize: 3, onProgress: (line) => lines.push(line) });
    expect(real.counts).toEqual({
      identity: { processed: 8, held: 1, tasksQueued: 1 },
      // Every consent proof is past its 12 months; the erased subjects' went with them, the held subject's stays.
      usage: { processed: 3, held: 1, tasksQueued: 1 },
    });
    const erased = await prisma.dataSubject.findMany({
      where: { erasedAt: { not: null } },
      select: { id: true, externalId: true, contactEmail: true },
    });
    expect(erased.map((row) => row.id).sort()).toEqual([...world.due].sort());
    expect(erased.every((row) => row.externalId === `erased:${row.id}` && row.contactEmail === null)).toBe(true);
    const held = await prisma.dataSubject.findUniqueOrThrow({ where: { id: world.heldSubject }, include: { consentEvents: true } });
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

    const again = await sweepRetention(db, tenantId);
    expect(again.counts.identity?.processed).toBe(0);
  });

  it("keeps everything in a category under a hold on the category, and queues no task for it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    await retentionWorld(gateway);
    await asStaff(gateway, "placeLegalHold", HOLD, {
      dataCategory: "identity",
      reason: "regulator inquiry",
      expiresAt: "2027-01-01T00:00:00.000Z",
    });
    const result = await sweepRetention(scopeToTenant(gateway.database.prisma, gateway.tenantId), gateway.tenantId);
    expect(result.counts.identity).toEqual({ processed: 0, held: 9, tasksQueued: 0 });
    // The hold names the identity category only; the subject-wide hold still keeps one subject's proof.
    expect(result.counts.usage).toEqual({ processed: 11, held: 1, tasksQueued: 1 });
  });

  it("starts the clocks from Custos's own events: last activity, a closed request", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const registered = async (externalId: string) => {
      await asStaff(
        gateway,
        "registerSubjectContact",
        "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }",
        {
          subjectId: externalId,
          email: `${externalId}@example.test`,
        },
      );
      return (await prisma.dataSubject.findFirstOrThrow({ where: { externalId } })).id;
    };
    // A question the person asked by phone, recorded by staff; answered (closed) unless `open`.
    const question = async (subjectId: string, { open = false } = {}) => {
      const { request } = await asStaff<{ request: { id: string } }>(
        gateway,
        "submitRequest",
        "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }",
        { type: "QUESTION", jurisdiction: "DE", subjectId, contactEmail: `${subjectId}@example.test` },
      );
      if (open) return;
      const answer = "Answered on the phone: the shop keeps no records of its own.";
      const ANSWER = "mutation ($id: ID!, $answer: String!) { answerRequest(id: $id, answer: $answer) { status } }";
      dataOf(await gateway.asStaff(ANSWER, { id: request.id, answer }), "answerRequest");
    };

    moveClockTo(LONG_AGO);
    const idle = await registered("idle");
    const active = await registered("active");
    const closedLongAgo = await registered("closed-long-ago");
    await question("closed-long-ago");
    const stillOpen = await registered("still-open");
    await question("still-open");
    await question("still-open", { open: true });
    moveClockTo(RECENTLY);
    await asStaff(gateway, "recordConsent", "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
      subjectId: "active",
      purpose: "marketing",
      decision: "GRANTED",
      channel: "BANNER",
    });

    moveClockTo(NOW);
    const db = scopeToTenant(prisma, gateway.tenantId);
    const erasedBy = async (trigger: "LAST_ACTIVITY" | "REQUEST_CLOSED") => {
      await asStaff(gateway, "setRetentionPolicy", POLICY, { dataCategory: "identity", trigger, action: "DELETE", legalBasis: "CONTRACT" });
      const before = new Set((await prisma.dataSubject.findMany({ where: { erasedAt: { not: null } } })).map((row) => row.id));
      await sweepRetention(db, gateway.tenantId);
      return (await prisma.dataSubject.findMany({ where: { erasedAt: { not: null } } }))
        .filter((row) => !before.has(row.id))
        .map((row) => row.id)
        .sort();
    };

    // 36 months after the request closed: a subject with a request still open has no clock yet, nor one who never asked.
    expect(await erasedBy("REQUEST_CLOSED")).toEqual([closedLongAgo]);
    // 36 months after the last activity: the subject who consented in 2025 is kept.
    expect(await erasedBy("LAST_ACTIVITY")).toEqual([idle, stillOpen].sort());
    expect(await prisma.dataSubject.count({ where: { id: active, erasedAt: null } })).toBe(1);
  });
});
