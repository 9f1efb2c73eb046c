import { scopeToTenant, seedCatalogue, seedExampleSystems } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../../test/clock.ts";
import { dataOf, startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../../../test/harness.ts";
import { createApiKey } from "../../access/api-key-service.ts";
import { MAX_BULK_SUBJECTS } from "./bulk-consent-check.ts";

const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const BULK = `query ($purpose: String!, $subjectIds: [String!]!) {
  consentStates(purpose: $purpose, subjectIds: $subjectIds) { subjectId status processingAllowed restricted channel decidedAt validUntil }
}`;
const STATE = `query ($subjectId: String!) {
  consentState(subjectId: $subjectId) { restricted purposes { purpose { key } status processingAllowed channel decidedAt validUntil } }
}`;

interface Entry {
  subjectId: string;
  status: string;
  processingAllowed: boolean;
  restricted: boolean;
  channel: string | null;
  decidedAt: string | null;
  validUntil: string | null;
}

/**
 * The person asked for restriction; staff checked their identity and, with no data system registered yet to ask,
 * answered it: the subject is restricted, as in decisions.test.ts.
 */
async function restrict(gateway: TestGateway, subjectId: string): Promise<void> {
  const submitted = dataOf<{ request: { id: string } }>(
    await gateway.asStaff("mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }", {
      input: { type: "RESTRICTION", jurisdiction: "DE", subjectId, contactEmail: `${subjectId}@example.com` },
    }),
    "submitRequest",
  );
  const { id } = submitted.request;
  await gateway.asStaff('mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk") { status } }', { id });
  const completed = await gateway.asStaff("mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status } }", {
    input: { id, to: "COMPLETED", reason: "processing stopped by hand; the shop keeps no records of its own" },
  });
  expect(completed.data?.transitionRequest).toEqual({ status: "COMPLETED" });
}

describe.each(TEST_ENGINES)("the bulk consent check on %s", (engine) => {
  let gateway: TestGateway;
  let serviceKey: string;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const granted = await gateway.asStaff(RECORD, {
      input: { subjectId: "bulk-restricted", purpose: "marketing", decision: "GRANTED", channel: "API" },
    });
    expect(granted.errors).toBeUndefined();
    await restrict(gateway, "bulk-restricted");
    await seedExampleSystems(gateway.database.prisma, gateway.tenantId);
    serviceKey = await gateway.issueKey({ kind: "SERVICE", name: "campaigns", dataSystemKey: "orders" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(restoreClock);

  const asApp = (query: string, variables: Record<string, unknown>, token = serviceKey) => gateway.execute(query, variables, { token });
  const decide = async (subjectId: string, decision: string, extra: Record<string, unknown> = {}) =>
    dataOf(await asApp(RECORD, { input: { subjectId, purpose: "marketing", decision, channel: "API", ...extra } }), "recordConsent");
  const check = async (subjectIds: string[], token = serviceKey) =>
    dataOf<Entry[]>(await asApp(BULK, { purpose: "marketing", subjectIds }, token), "consentStates");
  const auditOf = (requestId: string | null) =>
    gateway.database.prisma.auditLogEntry.findMany({
      where: { requestId: requestId ?? "none" },
      select: { operation: true, details: true },
    });

  it("answers each id in the order asked, judged exactly as consentState judges it", async () => {
    await decide("bulk-granted", "GRANTED");
    await decide("bulk-withdrawn", "GRANTED");
    await decide("bulk-withdrawn", "WITHDRAWN");
    await decide("bulk-expiring", "GRANTED", { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await decide("bulk-other-purpose", "GRANTED", { purpose: "feature_testing" });
    moveClockTo(new Date(Date.now() + 3_601_000));

    const asked = ["bulk-restricted", "never-seen", "bulk-granted", "bulk-expiring", "bulk-other-purpose", "bulk-withdrawn"];
    const entries = await check(asked);
    expect(entries.map((entry) => [entry.subjectId, entry.status, entry.processingAllowed, entry.restricted])).toEqual([
      ["bulk-restricted", "GRANTED", false, true],
      ["never-seen", "NOT_ASKED", false, false],
      ["bulk-granted", "GRANTED", true, false],
      ["bulk-expiring", "EXPIRED", false, false],
      ["bulk-other-purpose", "NOT_ASKED", false, false],
      ["bulk-withdrawn", "WITHDRAWN", false, false],
    ]);
    expect(entries.find((entry) => entry.subjectId === "never-seen")).toEqual({
      subjectId: "never-seen",
      status: "NOT_ASKED",
      processingAllowed: false,
      restricted: false,
      channel: null,
      decidedAt: null,
      validUntil: null,
    });
    for (const entry of entries) {
      const single = dataOf<{ restricted: boolean; purposes: ({ purpose: { key: string } } & Omit<Entry, "subjectId" | "restricted">)[] }>(
        await asApp(STATE, { subjectId: entry.subjectId }),
        "consentState",
      );
      const { purpose: _purpose, ...marketing } = single.purposes.find((row) => row.purpose.key === "marketing") ?? { purpose: null };
      expect({ subjectId: entry.subjectId, restricted: single.restricted, ...marketing }).toEqual(entry);
    }
    // Checking creates no subject.
    expect(await gateway.database.prisma.dataSubject.count({ where: { externalId: "never-seen" } })).toBe(0);
  });

  it("leaves one audit entry per call, naming the purpose and the distinct subjects, and answers a repeated id each time", async () => {
    await decide("bulk-audited", "GRANTED");
    const subjectIds = ["bulk-audited", "unknown-1", "bulk-audited", "unknown-2", "unknown-1"];
    const response = await asApp(BULK, { purpose: "marketing", subjectIds });
    const entries = dataOf<Entry[]>(response, "consentStates");
    expect(entries.map((entry) => [entry.subjectId, entry.processingAllowed])).toEqual([
      ["bulk-audited", true],
      ["unknown-1", false],
      ["bulk-audited", true],
      ["unknown-2", false],
      ["unknown-1", false],
    ]);
    expect(await auditOf(response.requestId)).toEqual([
      {
        operation: "consentStates",
        details: { purpose: "marketing", subjects: 3, subjectIdsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    // The digest is of the set of ids: the same people asked in another order give the same one.
    const again = await asApp(BULK, { purpose: "marketing", subjectIds: ["unknown-2", "unknown-1", "bulk-audited"] });
    const [first] = await auditOf(response.requestId);
    expect(await auditOf(again.requestId)).toEqual([first]);
    // Auditors read the entry, details included, through the audit log.
    const log = dataOf<{ edges: { node: { requestId: string; details: unknown } }[] }>(
      await gateway.asStaff(`{ auditLog(first: 20, filter: { operation: "consentStates" }) { edges { node { requestId details } } } }`),
      "auditLog",
    );
    expect(log.edges.find(({ node }) => node.requestId === response.requestId)?.node.details).toEqual(first?.details);
    const csv = dataOf<string>(
      await gateway.asStaff('{ auditLogExport(filter: { operation: "consentStates" }, format: CSV) }'),
      "auditLogExport",
    );
    const exported = (parse(csv, { columns: true }) as { request_id: string; details: string }[]).find(
      (row) => row.request_id === response.requestId,
    );
    expect(JSON.parse(exported?.details ?? "null")).toEqual(first?.details);
  });

  it("checks a full call of the most ids, refuses one more with TOO_MANY_SUBJECTS, and the refusal writes nothing", async () => {
    const full = Array.from({ length: MAX_BULK_SUBJECTS }, (_, index) => `campaign-${index}`);
    const answered = await asApp(BULK, { purpose: "marketing", subjectIds: full });
    expect(dataOf<Entry[]>(answered, "consentStates").map((entry) => entry.subjectId)).toEqual(full);
    expect(await auditOf(answered.requestId)).toMatchObject([{ details: { subjects: MAX_BULK_SUBJECTS } }]);

    const refused = await asApp(BULK, { purpose: "marketing", subjectIds: [...full, "one-more"] });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.map((error) => error.extensions)).toEqual([{ code: "TOO_MANY_SUBJECTS", maxSubjects: MAX_BULK_SUBJECTS }]);
    expect(await auditOf(refused.requestId)).toEqual([]);
  });

  it.each([
    ["an unknown purpose", { purpose: "telemarketing", subjectIds: ["cust-1"] }, "UNKNOWN_PURPOSE"],
    ["a purpose that rests on contract", { purpose: "support", subjectIds: ["cust-1"] }, "CONSENT_NOT_APPLICABLE"],
    ["a malformed id among good ones", { purpose: "marketing", subjectIds: ["cust-1", "ivan@example.com"] }, "INVALID_SUBJECT_ID"],
  ])("refuses %s with a stable code, audits nothing and echoes no id", async (_case, variables, code) => {
    const refused = await asApp(BULK, variables);
    expect(refused.errors?.map((error) => error.extensions)).toEqual([{ code }]);
    expect(JSON.stringify(refused.errors)).not.toContain("ivan@example.com");
    expect(await auditOf(refused.requestId)).toEqual([]);
  });

  it("sees only the caller's tenant: another tenant's subject with the same id is unknown here, and the reverse", async () => {
    const { prisma } = gateway.database;
    const { tenantId: bId } = await seedCatalogue(prisma, { tenantSlug: "bulk-tenant-b", controllerName: "Tenant B Ltd" });
    await seedExampleSystems(prisma, bId);
    const bService = await createApiKey(scopeToTenant(prisma, bId), bId, TEST_KEY_PEPPER, {
      kind: "SERVICE",
      name: "b campaigns",
      dataSystemKey: "orders",
    });
    const inB = (subjectId: string, decision: string) =>
      asApp(RECORD, { input: { subjectId, purpose: "marketing", decision, channel: "API" } }, bService.token);
    expect((await inB("shared-person", "GRANTED")).errors).toBeUndefined();
    expect((await inB("only-in-b", "GRANTED")).errors).toBeUndefined();
    await decide("shared-person", "WITHDRAWN");

    const inA = await check(["shared-person", "only-in-b"]);
    expect(inA.map((entry) => [entry.subjectId, entry.status])).toEqual([
      ["shared-person", "WITHDRAWN"],
      ["only-in-b", "NOT_ASKED"],
    ]);
    const inBView = await check(["shared-person", "only-in-b"], bService.token);
    expect(inBView.map((entry) => [entry.subjectId, entry.status])).toEqual([
      ["shared-person", "GRANTED"],
      ["only-in-b", "GRANTED"],
    ]);
  });

  it("is for company apps, staff and auditors: a shopper checks itself with consentState", async () => {
    const session = await gateway.shopperSession("bulk-shopper");
    const refused = await asApp(BULK, { purpose: "marketing", subjectIds: ["bulk-shopper"] }, session);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "bulk auditor" });
    expect((await check(["bulk-shopper"], auditor)).map((entry) => entry.status)).toEqual(["NOT_ASKED"]);
  });
});
