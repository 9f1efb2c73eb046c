import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../../test/clock.ts";
import { dataOf, startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../../../test/harness.ts";
import { startGateway } from "../../app/server.ts";
import { type Logger, silentLogger } from "../../ground/logger.ts";
import { CHINA_HOLIDAY_CALENDAR, curatedCalendars, RUSSIA_PRODUCTION_CALENDAR } from "../rules/index.ts";

const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { trackingToken request { id status dueAt deadlineProvisional } } }`;
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status deadlineProvisional } }";
const EXTEND = `mutation ($id: ID!, $reason: String!) {
  extendRequestDeadline(id: $id, reason: $reason) { dueAt extendedDueAt deadlineProvisional } }`;
const WITHDRAW = "mutation ($token: String!) { withdrawRequest(token: $token) { status closedAt } }";
const STAFF_VIEW = `query ($id: ID!) {
  privacyRequest(id: $id) { dueAt initialDueAt deadlineProvisional deadlineMovedFrom events { note actor } } }`;

let counter = 0;

async function submit(gateway: TestGateway, jurisdiction: string, type = "ACCESS") {
  const contactEmail = `year-end-${++counter}@example.com`;
  const submitted = dataOf<{ trackingToken: string; request: { id: string; status: string; dueAt: string; deadlineProvisional: boolean } }>(
    await gateway.execute(SUBMIT, { input: { type, jurisdiction, contactEmail } }),
    "submitRequest",
  );
  return { ...submitted.request, token: submitted.trackingToken, contactEmail };
}

async function mailedCode(gateway: TestGateway, recipient: string): Promise<string> {
  await gateway.deliverMail();
  const message = gateway.mail.sent.findLast((sent) => sent.recipient === recipient && sent.template === "request.verification-code");
  const code = (message?.payload as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") throw new Error(`no code was mailed to ${recipient}`);
  return code;
}

/** Submits a request and enters the code mailed for it, as the person would; the status it moved to. */
async function submitAndVerify(gateway: TestGateway, jurisdiction: string): Promise<string> {
  const request = await submit(gateway, jurisdiction);
  const code = await mailedCode(gateway, request.contactEmail);
  return dataOf<{ status: string }>(await gateway.execute(VERIFY, { token: request.token, code }), "verifyRequest").status;
}

// Deadlines counted by hand: the 2026 acts in calendars/, then each calendar's provisional rule for 2027
// (RU: every day but the Labour Code Art. 112 holidays; CN: every day but 1 January, 1–2 May and 1–3 October).
// An instant is the end of that day in Moscow (UTC+3) or Beijing (UTC+8).
const RU_DAYS = [
  // received, ten working days, fifteen with the extension
  ["2026-12-10", "2026-12-24", "2027-01-09"],
  ["2026-12-16", "2026-12-30", "2027-01-13"],
  ["2026-12-17", "2027-01-09", "2027-01-14"],
  ["2026-12-28", "2027-01-16", "2027-01-21"],
  ["2026-12-31", "2027-01-18", "2027-01-23"],
  ["2027-06-15", "2027-06-25", "2027-06-30"],
] as const;
const CN_DAYS = [
  // received, fifteen working days
  ["2026-12-10", "2026-12-31"],
  ["2026-12-11", "2027-01-02"],
  ["2026-12-25", "2027-01-12"],
  ["2027-01-25", "2027-02-09"],
  ["2027-09-28", "2027-10-16"],
] as const;
const endOfDay = (day: string, offsetHours: number) => new Date(Date.parse(`${day}T23:59:59.999Z`) - offsetHours * 3_600_000).toISOString();
const provisional = (day: string) => day > "2026-12-31";

describe.each(TEST_ENGINES)("requests around the end of the calendars' coverage on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, {
      rateLimits: "off",
    });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(restoreClock);

  it.each(RU_DAYS)("RU: received %s, is recorded, due %s, extended to %s, verified and withdrawn", async (day, due, extended) => {
    moveClockTo(`${day}T12:00:00+03:00`);
    const request = await submit(gateway, "RU");
    expect(request).toMatchObject({ status: "AWAITING_VERIFICATION", dueAt: endOfDay(due, 3), deadlineProvisional: provisional(due) });

    const extension = dataOf<{ dueAt: string; extendedDueAt: string; deadlineProvisional: boolean }>(
      await gateway.asStaff(EXTEND, { id: request.id, reason: "the order archive is held by a processor" }),
      "extendRequestDeadline",
    );
    expect(extension).toEqual({
      dueAt: endOfDay(extended, 3),
      extendedDueAt: endOfDay(extended, 3),
      deadlineProvisional: provisional(extended),
    });
    expect(dataOf<{ status: string }>(await gateway.execute(WITHDRAW, { token: request.token }), "withdrawRequest").status).toBe(
      "WITHDRAWN",
    );

    expect(await submitAndVerify(gateway, "RU")).not.toBe("AWAITING_VERIFICATION");
  });

  it.each(CN_DAYS)("CN: received %s, is recorded, due %s, verified and withdrawn", async (day, due) => {
    moveClockTo(`${day}T12:00:00+08:00`);
    const request = await submit(gateway, "CN");
    expect(request).toMatchObject({ status: "AWAITING_VERIFICATION", dueAt: endOfDay(due, 8), deadlineProvisional: provisional(due) });
    // Waiting for the code stopped the company clock; withdrawing restarts and recounts it, across the year.
    moveClockTo(`${day}T18:00:00+08:00`);
    expect(dataOf<{ status: string }>(await gateway.execute(WITHDRAW, { token: request.token }), "withdrawRequest").status).toBe(
      "WITHDRAWN",
    );

    expect(await submitAndVerify(gateway, "CN")).not.toBe("AWAITING_VERIFICATION");
  });

  it("reports each calendar's last covered day to staff and in /health, and to nobody anonymous", async () => {
    moveClockTo("2026-12-01T12:00:00Z");
    const coverage = await gateway.asStaff("{ calendarCoverage { jurisdiction lastCoveredDay daysLeft unpublished { year } } }");
    expect(coverage.data?.calendarCoverage).toEqual([
      { jurisdiction: "RU", lastCoveredDay: "2026-12-31", daysLeft: 30, unpublished: [{ year: 2027 }] },
      { jurisdiction: "CN", lastCoveredDay: "2026-12-31", daysLeft: 30, unpublished: [{ year: 2027 }] },
    ]);
    const anonymous = await gateway.execute("{ calendarCoverage { jurisdiction } }");
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const health = (await (await fetch(`${gateway.baseUrl}/health`)).json()) as { calendars: unknown };
    expect(health.calendars).toEqual([
      { jurisdiction: "RU", lastCoveredDay: "2026-12-31", daysLeft: 30 },
      { jurisdiction: "CN", lastCoveredDay: "2026-12-31", daysLeft: 30 },
    ]);
  });
});

describe.each(TEST_ENGINES)("adding a year's calendar on %s", (engine) => {
  afterEach(restoreClock);

  it("recounts provisional deadlines once at the next start, and staff see which moved", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    moveClockTo("2026-12-28T12:00:00+03:00");
    const moving = await submit(gateway, "RU");
    const staying = await submit(gateway, "CN");
    const official = await submit(gateway, "DE", "QUESTION");
    expect([moving.deadlineProvisional, staying.deadlineProvisional]).toEqual([true, true]);

    // A stand-in for the 2027 decree, not the real one: New Year holidays 1–8 January and nothing moved.
    const with2027 = curatedCalendars([
      {
        ...RUSSIA_PRODUCTION_CALENDAR,
        unpublished: [],
        years: [
          ...RUSSIA_PRODUCTION_CALENDAR.years,
          {
            year: 2027,
            source: { act: "stand-in for the 2027 decree (test data)", url: "https://example.test/2027" },
            daysOff: ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"],
            workingWeekendDays: [],
          },
        ],
      },
      CHINA_HOLIDAY_CALENDAR,
    ]);
    // Two gateways of the new release start together on one database.
    const lines: string[] = [];
    const log: Logger = { ...silentLogger, info: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`) };
    const options = { prisma: gateway.database.prisma, port: 0, keyPepper: TEST_KEY_PEPPER, calendars: with2027, log };
    const restarted = await Promise.all([startGateway(options), startGateway(options)]);
    await Promise.all(restarted.map((started) => started.stop()));

    // 29 and 30 December, then 11–15 and 18–20 January of the stand-in year: ten working days end on 20 January.
    const moved = dataOf<{
      dueAt: string;
      deadlineProvisional: boolean;
      deadlineMovedFrom: string;
      events: { note: string | null; actor: string }[];
    }>(await gateway.asStaff(STAFF_VIEW, { id: moving.id }), "privacyRequest");
    expect(moved).toMatchObject({
      dueAt: endOfDay("2027-01-20", 3),
      deadlineProvisional: false,
      deadlineMovedFrom: endOfDay("2027-01-16", 3),
    });
    const recounts = moved.events.filter((event) => event.note?.startsWith("deadline recounted"));
    expect(recounts).toEqual([
      {
        actor: "system",
        note: `deadline recounted with Russian government production calendar (curated): ${endOfDay("2027-01-16", 3)} → ${endOfDay("2027-01-20", 3)}`,
      },
    ]);
    expect(lines.filter((line) => line.startsWith("provisional deadlines recounted"))).toHaveLength(2);

    const unchanged = dataOf<{ dueAt: string; deadlineProvisional: boolean; deadlineMovedFrom: string | null }>(
      await gateway.asStaff(STAFF_VIEW, { id: staying.id }),
      "privacyRequest",
    );
    expect(unchanged).toMatchObject({ dueAt: staying.dueAt, deadlineProvisional: true, deadlineMovedFrom: null });
    const untouched = dataOf<{ dueAt: string; deadlineMovedFrom: string | null }>(
      await gateway.asStaff(STAFF_VIEW, { id: official.id }),
      "privacyRequest",
    );
    expect(untouched).toMatchObject({ dueAt: official.dueAt, deadlineMovedFrom: null });
  });

  it("warns at start while a calendar's coverage ends within 90 days", async () => {
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
    moveClockTo("2026-10-01T12:00:00Z");
    await using quiet = await startTestGateway(engine, inject("postgresAdminUrl"), log);
    expect(warnings).toEqual([]);
    moveClockTo("2026-10-03T12:00:00Z");
    const options = { prisma: quiet.database.prisma, port: 0, keyPepper: TEST_KEY_PEPPER, log };
    await (await startGateway(options)).stop();
    expect(warnings).toEqual([
      expect.stringMatching(/^RU working-day calendar covers days up to 2026-12-31 \(89 days left\)/),
      expect.stringMatching(/^CN working-day calendar covers days up to 2026-12-31 \(89 days left\)/),
    ]);
  });
});
