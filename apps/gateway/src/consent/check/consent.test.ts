import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";

const RECORD = `mutation Record($input: RecordConsentInput!) {
  recordConsent(input: $input) { id subjectId decision channel jurisdiction purpose { key } occurredAt }
}`;
const STATE = `query State($subjectId: String!) {
  consentState(subjectId: $subjectId) { subjectId purposes { purpose { key } status channel decidedAt } }
}`;

/** The subject a consentState answer is about, and its marketing status. */
function marketingOf(answer: { data?: Record<string, unknown> | null }) {
  const state = answer.data?.consentState as { subjectId: string; purposes: { purpose: { key: string }; status: string }[] };
  return { subjectId: state.subjectId, status: state.purposes.find((purpose) => purpose.purpose.key === "marketing")?.status };
}

async function ledgerSize(gateway: TestGateway) {
  const { prisma } = gateway.database;
  return {
    events: await prisma.consentEvent.count(),
    subjects: await prisma.dataSubject.count(),
    states: await prisma.consentState.count(),
  };
}

describe.each(TEST_ENGINES)("consent on %s", (engine) => {
  it("records a grant, then a withdrawal, and the current state follows the latest decision", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const granted = await gateway.asStaff(RECORD, {
      input: { subjectId: "cust-42", purpose: "marketing", decision: "GRANTED", channel: "BANNER", jurisdiction: "ru" },
    });
    expect(granted.errors).toBeUndefined();
    const event = granted.data?.recordConsent as { occurredAt: string };
    expect(event).toMatchObject({
      subjectId: "cust-42",
      decision: "GRANTED",
      channel: "BANNER",
      jurisdiction: "RU",
      purpose: { key: "marketing" },
    });

    const afterGrant = await gateway.asStaff(STATE, { subjectId: "cust-42" });
    expect(afterGrant.data?.consentState).toEqual({
      subjectId: "cust-42",
      purposes: [
        { purpose: { key: "feature_testing" }, status: "NOT_ASKED", channel: null, decidedAt: null },
        {
          purpose: { key: "marketing" },
          status: "GRANTED",
          channel: "BANNER",
          decidedAt: event.occurredAt,
        },
      ],
    });

    await gateway.asStaff(RECORD, {
      input: { subjectId: "cust-42", purpose: "marketing", decision: "WITHDRAWN", channel: "UNSUBSCRIBE_LINK" },
    });
    const afterWithdrawal = await gateway.asStaff(STATE, { subjectId: "cust-42" });
    expect(afterWithdrawal.data?.consentState).toMatchObject({
      purposes: [{ status: "NOT_ASKED" }, { purpose: { key: "marketing" }, status: "WITHDRAWN", channel: "UNSUBSCRIBE_LINK" }],
    });
    expect(await ledgerSize(gateway)).toEqual({ events: 2, subjects: 1, states: 1 });
  });

  it("keeps one subject and one current state when decisions for a new subject arrive at once", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const decisions = Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? "GRANTED" : "WITHDRAWN"));
    const responses = await Promise.all(
      decisions.map((decision) =>
        gateway.asStaff(RECORD, { input: { subjectId: "cust-race", purpose: "marketing", decision, channel: "API" } }),
      ),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(await ledgerSize(gateway)).toEqual({ events: 12, subjects: 1, states: 1 });
    // The latest decision is the last one chained; decisions chained in one batch may share a millisecond.
    const latest = await gateway.database.prisma.consentEvent.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    const state = await gateway.database.prisma.consentState.findFirstOrThrow();
    expect(state.lastEventId).toBe(latest.id);
  });

  it("answers each of many concurrent checks with its own subject's decision when the checks share a statement", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const decided = ["GRANTED", "WITHDRAWN", "GRANTED", "WITHDRAWN", "GRANTED"].map((decision, index) => ({
      subjectId: `cust-batch-${index}`,
      decision,
    }));
    for (const { subjectId, decision } of decided) {
      const { errors } = await gateway.asStaff(RECORD, { input: { subjectId, purpose: "marketing", decision, channel: "API" } });
      expect(errors).toBeUndefined();
    }
    const expected = new Map<string, string>([
      ...decided.map(({ subjectId, decision }) => [subjectId, decision] as const),
      ["cust-batch-unknown", "NOT_ASKED"],
    ]);
    const checks = Array.from({ length: 60 }, (_, index) => [...expected.keys()][(index * 7) % expected.size] as string);
    const answers = await Promise.all(checks.map((subjectId) => gateway.asStaff(STATE, { subjectId })));
    expect(answers.map(marketingOf)).toEqual(checks.map((subjectId) => ({ subjectId, status: expected.get(subjectId) })));
  });

  it("shows a withdrawal to the first check after it was acknowledged while other checks keep reading", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const input = { subjectId: "cust-withdraws", purpose: "marketing", channel: "API" };
    expect((await gateway.asStaff(RECORD, { input: { ...input, decision: "GRANTED" } })).errors).toBeUndefined();
    let reading = true;
    const otherChecks = (async () => {
      while (reading) await Promise.all(Array.from({ length: 8 }, () => gateway.asStaff(STATE, { subjectId: "cust-withdraws" })));
    })();
    const statusAfterEachDecision: (string | undefined)[] = [];
    for (const decision of ["WITHDRAWN", "GRANTED", "WITHDRAWN"]) {
      expect((await gateway.asStaff(RECORD, { input: { ...input, decision } })).errors).toBeUndefined();
      statusAfterEachDecision.push(marketingOf(await gateway.asStaff(STATE, { subjectId: "cust-withdraws" })).status);
    }
    reading = false;
    await otherChecks;
    expect(statusAfterEachDecision).toEqual(["WITHDRAWN", "GRANTED", "WITHDRAWN"]);
  });

  it("reports a subject it has never seen as not asked, without creating it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { data } = await gateway.asStaff(STATE, { subjectId: "never-seen" });
    expect(data?.consentState).toMatchObject({ purposes: [{ status: "NOT_ASKED" }, { status: "NOT_ASKED" }] });
    expect(await ledgerSize(gateway)).toEqual({ events: 0, subjects: 0, states: 0 });
  });

  it.each([
    ["a malformed subject id", { subjectId: "ivan@example.com", purpose: "marketing" }, "INVALID_SUBJECT_ID"],
    ["an unknown purpose", { subjectId: "cust-1", purpose: "telemarketing" }, "UNKNOWN_PURPOSE"],
    ["a purpose that rests on contract", { subjectId: "cust-1", purpose: "support" }, "CONSENT_NOT_APPLICABLE"],
    ["a malformed jurisdiction", { subjectId: "cust-1", purpose: "marketing", jurisdiction: "Russia" }, "INVALID_JURISDICTION"],
    ["a missing argument", { purpose: "marketing" }, "BAD_USER_INPUT"],
    ["an unknown decision", { subjectId: "cust-1", purpose: "marketing", decision: "MAYBE" }, "BAD_USER_INPUT"],
  ])("refuses %s with a stable code and writes nothing", async (_case, fields, code) => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { data, errors } = await gateway.asStaff(RECORD, { input: { decision: "GRANTED", channel: "API", ...fields } });
    expect(data ?? null).toBeNull();
    expect(errors?.map((error) => error.extensions)).toEqual([{ code }]);
    expect(await ledgerSize(gateway)).toEqual({ events: 0, subjects: 0, states: 0 });
  });

  it("refuses a query without its required argument as a validation error", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { status, errors } = await gateway.asStaff("{ consentState { subjectId } }");
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });
});
