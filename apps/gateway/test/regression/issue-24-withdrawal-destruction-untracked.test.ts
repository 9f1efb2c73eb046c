// Issue 24, deadlines: 152-FZ Art. 21 part 5 asks that, once a person withdraws consent, the data processed on it be
// destroyed within 30 days unless another basis applies. A withdrawal stopped processing in the ledger at once, but
// nothing tracked the 30 days. Now each withdrawal under 152-FZ opens a destruction with its own deadline, which staff
// see and close through the API and the daily deadline reminder lists; opened once however often or by however many
// gateways the withdrawal is recorded. Run on PostgreSQL, the database several gateways share. Dates counted by hand.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { deadlineReminderJob } from "../../src/app/jobs/tasks.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const CONSENT = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
const MINT = "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }";
const UNSUBSCRIBE = "mutation ($token: String!) { unsubscribe(token: $token) { recorded } }";
const LIST = `query ($open: Boolean) { withdrawalDestructions(open: $open, first: 200) {
  id subjectId purpose { key } withdrawnAt dueAt deadlineRule dueState outcome basis closedBy } }`;
const CLOSE = `mutation ($id: ID!, $outcome: DestructionOutcome!, $basis: String) {
  closeWithdrawalDestruction(id: $id, outcome: $outcome, basis: $basis) { id outcome basis closedAt dueState } }`;
type Destruction = { id: string; subjectId: string; purpose: { key: string }; dueAt: string; deadlineRule: string; dueState: string };

let gateway: TestGateway;
let appKey: string;
beforeAll(async () => {
  gateway = await startTestGateway("postgres", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
  const input = { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true };
  expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
  appKey = await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" });
});
afterAll(() => gateway[Symbol.asyncDispose]());
afterEach(restoreClock);

const decide = async (subjectId: string, decision: string, jurisdiction: string | null, idempotencyKey?: string) => {
  const input = { subjectId, purpose: "marketing", decision, channel: "PREFERENCE_CENTRE", jurisdiction, idempotencyKey };
  const response = await gateway.execute(CONSENT, { input }, { token: appKey });
  expect(response.errors).toBeUndefined();
};
const openFor = async (subjectId: string) =>
  dataOf<Destruction[]>(await gateway.asStaff(LIST, { open: true }), "withdrawalDestructions").filter((row) => row.subjectId === subjectId);

describe("152-FZ Art. 21 part 5: destruction within 30 days of a withdrawal", () => {
  // Withdrawn Tuesday 6 October 2026, 12:00 in Moscow. Thirty calendar days after it: 7–31 October are 25 days,
  // 1–5 November five more: Thursday 5 November 2026. End of that day in Moscow (UTC+3): 2026-11-05T20:59:59.999Z.
  const DUE = "2026-11-05T20:59:59.999Z";

  it("a withdrawal through the app opens one destruction, however many times it is sent at once", async () => {
    moveClockTo("2026-10-01T09:00:00Z");
    await decide("ru-cust-1", "GRANTED", "RU");
    moveClockTo("2026-10-06T09:00:00Z");
    // The same withdrawal sent three times at once (an app retrying), to be recorded once.
    await Promise.all([1, 2, 3].map(() => decide("ru-cust-1", "WITHDRAWN", "RU", "withdraw-ru-cust-1")));
    expect(await openFor("ru-cust-1")).toEqual([
      expect.objectContaining({ purpose: { key: "marketing" }, dueAt: DUE, deadlineRule: "RU-152-FZ-ART-21-5", dueState: "ON_TRACK" }),
    ]);
  });

  it("an unsubscribe link, which names no jurisdiction, counts under the law the consent was given under", async () => {
    moveClockTo("2026-10-01T09:00:00Z");
    await decide("ru-cust-2", "GRANTED", "RU");
    const token = dataOf<string>(await gateway.execute(MINT, { subjectId: "ru-cust-2" }, { token: appKey }), "createUnsubscribeToken");
    moveClockTo("2026-10-06T09:00:00Z");
    expect(dataOf(await gateway.execute(UNSUBSCRIBE, { token }), "unsubscribe")).toEqual({ recorded: true });
    expect((await openFor("ru-cust-2")).map((row) => row.dueAt)).toEqual([DUE]);
  });

  it("a withdrawal under a law without such a period opens none", async () => {
    moveClockTo("2026-10-06T09:00:00Z");
    await decide("de-cust-1", "GRANTED", "DE");
    await decide("de-cust-1", "WITHDRAWN", "DE");
    expect(await openFor("de-cust-1")).toEqual([]);
  });

  it("is overdue after its last day, in the daily reminder, and closed once, by staff, with the basis kept", async () => {
    moveClockTo("2026-10-06T09:00:00Z");
    await decide("ru-cust-3", "GRANTED", "RU");
    await decide("ru-cust-3", "WITHDRAWN", "RU");
    const [opened] = await openFor("ru-cust-3");
    if (!opened) throw new Error("no destruction was opened");

    // Friday 6 November 2026, the day after the last: overdue. The daily reminder, run twice at once as two gateways
    // might, lists it and opens nothing twice.
    moveClockTo("2026-11-06T09:00:00Z");
    expect((await openFor("ru-cust-3")).map((row) => row.dueState)).toEqual(["OVERDUE"]);
    const deps = { prisma: gateway.database.prisma, log: silentLogger, transport: gateway.mail, noticeMaxAttempts: 3 };
    await Promise.all([deadlineReminderJob(deps, gateway.tenantId), deadlineReminderJob(deps, gateway.tenantId)]);
    const reminders = await gateway.database.prisma.outboxMessage.findMany({ where: { template: "staff.deadline-reminder" } });
    expect(reminders.at(-1)?.payload).toMatchObject({
      overdue: expect.arrayContaining([{ id: opened.id, type: "DESTRUCTION_AFTER_WITHDRAWAL", dueAt: DUE }]),
    });
    expect(await openFor("ru-cust-3")).toHaveLength(1);
    // The reminder printed the entry's type raw («Просрочен: DESTRUCTION_AFTER_WITHDRAWAL …»): now by its label.
    const { controllerEmail } = await gateway.database.prisma.tenant.findUniqueOrThrow({ where: { id: gateway.tenantId } });
    const reminder = await readNotice(gateway, controllerEmail, "staff.deadline-reminder");
    expect(reminder.text).toContain(
      `Просрочено: Уничтожение данных после отзыва согласия (часть 5 статьи 21 152-ФЗ, 30 дней) ${opened.id}, срок 5 ноября 2026 г.`,
    );
    expect(reminder.text).not.toContain("DESTRUCTION_AFTER_WITHDRAWAL");

    const refused = await gateway.asStaff(CLOSE, { id: opened.id, outcome: "OTHER_BASIS" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "auditor" });
    const forbidden = await gateway.execute(CLOSE, { id: opened.id, outcome: "DESTROYED" }, { token: auditor });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const basis = "contract with the person: order history kept for 152-FZ Art. 6 part 1 point 5";
    const closed = await gateway.asStaff(CLOSE, { id: opened.id, outcome: "OTHER_BASIS", basis });
    expect(dataOf(closed, "closeWithdrawalDestruction")).toMatchObject({ outcome: "OTHER_BASIS", basis, dueState: "CLOSED" });
    const again = await gateway.asStaff(CLOSE, { id: opened.id, outcome: "DESTROYED" });
    expect(again.errors?.[0]?.extensions?.code).toBe("TASK_NOT_OPEN");
    const unknown = await gateway.asStaff(CLOSE, { id: "not-an-id", outcome: "DESTROYED" });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await openFor("ru-cust-3")).toEqual([]);
  });
});
