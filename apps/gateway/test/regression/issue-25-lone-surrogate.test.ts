// Issue 25, finding 2: a lone UTF-16 surrogate sent with the public storefront key was an INTERNAL_SERVER_ERROR, and
// failed the ledger batch it was queued in, so other people's withdrawals beside it failed too.
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { type Credentials, dataOf, type GraphqlResponse, startTestGateway, type TestGateway } from "../harness.ts";

const SHOP = "https://shop.test";
const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id decision } }";
const COOKIES = "mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { id } }";
const GPC = "mutation ($input: ReportGpcInput!) { reportGpc(input: $input) { recorded } }";
const VERIFY = "{ consentLedgerVerification { ok verifiedCount headSequence firstBreak { sequence } } }";

/** Strings no database column nor the chain's canonical JSON can hold: lone surrogates, low and high, and NUL. */
const UNSTORABLE = ["\udfff", "x\udfffy", "\ud800", "a\u0000b"];

/** A storefront visitor's id, as the SDK mints them: the publishable key writes consent only for visitors. */
const visitor = (name: string) => `visitor:${name.padEnd(16, "0")}`;
const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions?.code;

type Input = Record<string, unknown>;

/** Each storefront write with a valid input, and every string path of it (a dotted path; digits index a list). */
const WRITES: { name: string; document: string; input: Input; paths: string[] }[] = [
  {
    name: "recordConsent",
    document: RECORD,
    input: { subjectId: visitor("surrogate-a"), purpose: "marketing", decision: "GRANTED", channel: "BANNER" },
    paths: [
      "subjectId",
      "purpose",
      "tcString",
      "gppString",
      "jurisdiction",
      "idempotencyKey",
      "policyVersion",
      "proof.userAgent",
      "proof.pageUrl",
      "proof.ipAddress",
    ],
  },
  {
    name: "recordCookieConsent",
    document: COOKIES,
    input: {
      subjectId: visitor("surrogate-b"),
      channel: "BANNER",
      choices: [
        { category: "analytics", decision: "GRANTED" },
        { category: "advertising", decision: "WITHDRAWN" },
      ],
    },
    paths: [
      "subjectId",
      "choices.0.category",
      "choices.1.category",
      "tcString",
      "gppString",
      "jurisdiction",
      "idempotencyKey",
      "policyVersion",
      "proof.userAgent",
      "proof.pageUrl",
      "proof.ipAddress",
    ],
  },
  {
    name: "reportGpc",
    document: GPC,
    input: { subjectId: visitor("surrogate-c"), gpc: true },
    paths: ["subjectId", "gppString", "jurisdiction", "proof.userAgent", "proof.pageUrl", "proof.ipAddress"],
  },
];

/** A copy of `input` with `value` at `path`, the objects on the way created as needed. */
function withValueAt(input: Input, path: string, value: string): Input {
  const copy = structuredClone(input);
  const keys = path.split(".");
  const last = keys.pop() as string;
  let at: Record<string, unknown> = copy;
  for (const key of keys) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[last] = value;
  return copy;
}

describe.each(TEST_ENGINES)("issue 25: strings the database cannot store, on %s", (engine) => {
  let gateway: TestGateway;
  let storefront: Credentials;
  beforeAll(async () => {
    // Rate limits are not under test: the first test sends a hundred refused writes with one key from one address.
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
    storefront = { token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] }), origin: SHOP };
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const writes = async () => {
    const { prisma } = gateway.database;
    return {
      events: await prisma.consentEvent.count(),
      subjects: await prisma.dataSubject.count(),
      claims: await prisma.idempotentWrite.count(),
      audits: await prisma.auditLogEntry.count(),
    };
  };

  it("a lone surrogate or NUL in any string of recordConsent, recordCookieConsent or reportGpc is BAD_USER_INPUT (400), not INTERNAL_SERVER_ERROR, and writes nothing", async () => {
    const before = await writes();
    const answers: string[] = [];
    const expected: string[] = [];
    for (const { name, document, input, paths } of WRITES) {
      for (const path of paths) {
        for (const value of UNSTORABLE) {
          const response = await gateway.execute(document, { input: withValueAt(input, path, value) }, storefront);
          answers.push(`${name} ${path}=${JSON.stringify(value)}: ${response.status} ${codeOf(response)}`);
          expected.push(`${name} ${path}=${JSON.stringify(value)}: 400 BAD_USER_INPUT`);
        }
      }
    }
    expect(answers).toEqual(expected);
    expect(await writes()).toEqual(before);

    // The same inputs with nothing unstorable in them are written: the refusals above were for the strings alone.
    for (const { name, document, input } of WRITES) {
      const response = await gateway.execute(document, { input }, storefront);
      expect([name, response.errors]).toEqual([name, undefined]);
    }
    expect((await writes()).events).toBeGreaterThan(before.events);
  });

  it("is refused in a query's argument, in a variable the operation does not use, and in a literal, writing nothing", async () => {
    const before = await writes();
    const state = await gateway.execute(
      "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId } }",
      { subjectId: visitor("x\udfff") },
      storefront,
    );
    expect([state.status, codeOf(state)]).toEqual([400, "BAD_USER_INPUT"]);
    const unused = await gateway.execute(RECORD, { input: WRITES[0]?.input, spare: "\udfff" }, storefront);
    expect([unused.status, codeOf(unused)]).toEqual([400, "BAD_USER_INPUT"]);
    // graphql-js refuses a lone surrogate in a document's string, raw or escaped, as it parses.
    for (const literal of ["\udfff", "\\udfff"]) {
      const response = await gateway.execute(
        `mutation { recordConsent(input: { subjectId: "${visitor("surrogate-d")}", purpose: "marketing", decision: GRANTED, channel: BANNER, tcString: "${literal}" }) { id } }`,
        {},
        storefront,
      );
      expect([response.status, codeOf(response)]).toEqual([400, "GRAPHQL_PARSE_FAILED"]);
    }
    expect(await writes()).toEqual(before);
  });

  // On PostgreSQL the bad writes land in the withdrawals' ledger batches (without both fixes, 19, 0 and 1 of 25 went
  // through); the embedded database runs one query at a time and these decisions reached its sequencer one by one, so
  // there the batch retry is tested beside the sequencer (consent/record/ledger-batch.test.ts).
  it("25 customers' withdrawals beside five unstorable writes all succeed, every run", async () => {
    const customers = Array.from({ length: 25 }, (_, index) => `cust-25-${index}`);
    const sessions = await Promise.all(customers.map(async (subjectId) => ({ token: await gateway.shopperSession(subjectId) })));
    const decide = (index: number, decision: string) =>
      gateway.execute(
        RECORD,
        { input: { subjectId: customers[index], purpose: "marketing", decision, channel: "PREFERENCE_CENTRE" } },
        sessions[index],
      );
    const badPaths = ["proof.userAgent", "tcString", "gppString", "proof.pageUrl", "proof.ipAddress"];
    const badWrite = (run: number, index: number) =>
      gateway.execute(
        RECORD,
        {
          input: withValueAt(
            { subjectId: visitor(`bad-${run}-${index}`), purpose: "marketing", decision: "GRANTED", channel: "BANNER" },
            badPaths[index] as string,
            "\udfff",
          ),
        },
        storefront,
      );
    const RUNS = 3;
    const withdrawn: number[] = [];
    const refusals: unknown[] = [];
    for (let run = 0; run < RUNS; run++) {
      const grants = await Promise.all(customers.map((_, index) => decide(index, "GRANTED")));
      expect(grants.map((grant) => grant.errors)).toEqual(customers.map(() => undefined));
      // A bad write before every fifth withdrawal, all sent at once, so they queue for the same ledger batches.
      const sent = customers.flatMap((_, index) => [
        ...(index % 5 === 0 ? [badWrite(run, index / 5).then((response) => ({ bad: true, response }))] : []),
        decide(index, "WITHDRAWN").then((response) => ({ bad: false, response })),
      ]);
      const answers = await Promise.all(sent);
      const withdrawals = answers.filter((answer) => !answer.bad).map((answer) => answer.response);
      withdrawn.push(
        withdrawals.filter((response) => (response.data?.recordConsent as { decision?: string })?.decision === "WITHDRAWN").length,
      );
      refusals.push(...answers.filter((answer) => answer.bad).map((answer) => codeOf(answer.response)));
    }
    expect(withdrawn).toEqual(Array(RUNS).fill(25));
    expect(refusals).toEqual(Array(5 * RUNS).fill("BAD_USER_INPUT"));
    expect(dataOf(await gateway.asStaff(VERIFY), "consentLedgerVerification")).toMatchObject({ ok: true, firstBreak: null });
  });
});
