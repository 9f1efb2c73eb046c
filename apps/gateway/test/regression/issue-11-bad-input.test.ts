// Issue 11: what a fuzzer found the gateway doing with callers' mistakes; each test is named after what broke.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../harness.ts";
import { rawRequest } from "./raw-http.ts";

const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe("issue 11: bad input", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const consentEvents = () => gateway.database.prisma.consentEvent.count();

  it("a malformed request target (//, ///, http://%zz/ …) no longer ends the process", async () => {
    for (const target of ["//", "///", "//[", "http://[", "http://%zz/", "http://x:99999/", "//a:-1", "http://a:b@/"]) {
      const response = await rawRequest(gateway.baseUrl, target);
      expect(response.status, target).toBe(400);
      expect(JSON.parse(response.body).errors[0].extensions.code, target).toBe("BAD_REQUEST_URL");
    }
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(200);
  });

  it("an unknown path answers in the GraphQL error shape with a code, not {error: 'not found'}", async () => {
    const response = await fetch(`${gateway.baseUrl}/admin`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "NOT_FOUND" } }] });
  });

  it("a document that does not parse is GRAPHQL_PARSE_FAILED with 400, not graphql-armor's 500", async () => {
    const response = await gateway.execute("{ purposes { key ");
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("a document over the token limit is GRAPHQL_PARSE_FAILED with 400, not 500", async () => {
    const response = await gateway.execute(`{ purposes { ${"key ".repeat(3000)} } }`);
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("a NUL byte in a string argument is BAD_USER_INPUT, and the refused mutation writes nothing", async () => {
    const before = await consentEvents();
    const mutation = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
    const input = { subjectId: "cust-nul", purpose: "marketing", decision: "GRANTED", channel: "SUPPORT_AGENT", tcString: "a\u0000b" };
    const asVariable = await gateway.asStaff(mutation, { input });
    expect([asVariable.status, codeOf(asVariable)]).toEqual([400, "BAD_USER_INPUT"]);
    const asLiteral = await gateway.asStaff(
      'mutation { recordConsent(input: { subjectId: "cust-nul", purpose: "marketing", decision: GRANTED, channel: SUPPORT_AGENT, tcString: "a\\u0000b" }) { id } }',
    );
    expect([asLiteral.status, codeOf(asLiteral)]).toEqual([400, "BAD_USER_INPUT"]);
    expect(await consentEvents()).toBe(before);
  });

  it("2026-02-30 is refused instead of becoming 2 March, and years PostgreSQL cannot store are refused", async () => {
    const query = "query ($from: DateTime!, $to: DateTime!) { consentEventsExport(format: JSON, from: $from, to: $to) { count } }";
    for (const from of ["2026-02-30T00:00:00Z", "-010000-01-01T00:00:00Z", "275760-09-13T00:00:00Z", "2026-01-01T25:00:00Z"]) {
      const response = await gateway.asStaff(query, { from, to: "2027-01-01T00:00:00Z" });
      expect([response.status, codeOf(response)], from).toEqual([400, "BAD_USER_INPUT"]);
    }
    const literal = await gateway.asStaff('{ consentEventsExport(format: JSON, from: "2026-02-30", to: "2027-01-01") { count } }');
    expect([literal.status, codeOf(literal)]).toEqual([400, "GRAPHQL_VALIDATION_FAILED"]);
  });

  it("a negative first: and a malformed cursor are INVALID_PAGINATION, not INTERNAL_SERVER_ERROR", async () => {
    for (const args of ["first: -1", "last: -5", 'after: "zzz"', 'before: "x", after: "y"']) {
      const response = await gateway.asStaff(`{ auditLog(${args}) { edges { node { id } } } }`);
      expect(codeOf(response), args).toBe("INVALID_PAGINATION");
      expect(JSON.stringify(response.errors), args).not.toMatch(/zzz/);
    }
    // Well-formed, but its id ("nope") is no UUID: the database refuses the value, and that is the caller's mistake too.
    expect(codeOf(await gateway.asStaff('{ auditLog(after: "R1BDOlM6bm9wZQ==") { edges { node { id } } } }'))).toBe("BAD_USER_INPUT");
  });

  it("an automatic persisted query with a mismatched hash is a 400 with a code, not a 500: APQ is off", async () => {
    const post = (body: unknown) =>
      fetch(gateway.graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const persistedQuery = { version: 1, sha256Hash: "abc" };
    for (const body of [{ query: "{ viewer { kind } }", extensions: { persistedQuery } }, { extensions: { persistedQuery } }]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    }
  });

  it("a subscription operation is UNSUPPORTED_OPERATION with 400, not INTERNAL_SERVER_ERROR", async () => {
    const response = await gateway.execute("subscription { viewer { kind } }");
    expect([response.status, codeOf(response)]).toEqual([400, "UNSUPPORTED_OPERATION"]);
  });

  it("a refused read (a bad filter, an export refused) no longer leaves an audit entry behind", async () => {
    const entries = () => gateway.database.prisma.auditLogEntry.count();
    const before = await entries();
    const refused = [
      await gateway.asStaff('{ privacyRequests(jurisdiction: "nowhere") { edges { node { id } } } }'),
      await gateway.asStaff('{ auditLogExport(filter: { subjectId: "a b" }, format: JSON) }'),
      await gateway.asStaff('{ outbox(after: "R1BDOlM6bm9wZQ==") { edges { node { id } } } }'),
    ];
    expect(refused.map(codeOf)).toEqual(["INVALID_JURISDICTION", "INVALID_SUBJECT_ID", "BAD_USER_INPUT"]);
    expect(await entries()).toBe(before);
  });

  it("a mistyped enum value gets no suggestion of the real one", async () => {
    const mutation =
      'mutation { recordConsent(input: { subjectId: "s", purpose: "marketing", decision: GRANTD, channel: SUPPORT_AGENT }) { id } }';
    const literal = await gateway.asStaff(mutation);
    expect(codeOf(literal)).toBe("GRAPHQL_VALIDATION_FAILED");
    const variable = await gateway.asStaff("mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
      input: { subjectId: "s", purpose: "marketing", decision: "GRANTD", channel: "SUPPORT_AGENT" },
    });
    expect(codeOf(variable)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify([literal.errors, variable.errors])).not.toMatch(/Did you mean|GRANTED/);
  });
});

describe("issue 11: refused credentials", () => {
  it("refused credentials are rate-limited per address (429 once the budget is spent), valid ones from it still served", async () => {
    await using gateway = await startTestGateway("pglite");
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await gateway.execute("{ viewer { kind } }", {}, { token: `cus_stf_000000000000_${"x".repeat(43)}` })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect((await gateway.asStaff("{ viewer { kind } }")).status).toBe(200);
  });
});

describe("issue 11: production switches", () => {
  it("with NODE_ENV=production privacy staff can still introspect (Apollo's default no longer wins)", async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      // Apollo reads NODE_ENV itself; the gateway is told by its configuration (config.ts), as main.ts does.
      await using gateway = await startTestGateway("pglite", undefined, undefined, { production: true });
      const introspection = "{ __schema { queryType { name } } }";
      expect((await gateway.asStaff(introspection)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
      expect(codeOf(await gateway.execute(introspection))).toBe("FORBIDDEN");
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
