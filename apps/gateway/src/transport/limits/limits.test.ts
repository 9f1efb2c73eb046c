import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { MAX_PAGE_SIZE } from "../../ground/builder.ts";
import { DEFAULT_RATE_LIMITS } from "./rate-limit-settings.ts";

const INTROSPECTION = "{ __schema { queryType { name } } }";

async function errorCode(response: { errors?: { extensions?: Record<string, unknown> }[] }) {
  return response.errors?.[0]?.extensions?.code;
}

describe("limits for untrusted callers", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  // The README's limits, as literals: a change to them is a change to what callers were promised.
  it("refuses more than 15 aliases", async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `p${i}: purposes { key }`).join(" ");
    expect((await gateway.execute(`{ ${fields(15)} }`)).errors).toBeUndefined();
    expect(await errorCode(await gateway.execute(`{ ${fields(16)} }`))).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses a document of more than 2000 tokens as a parse failure (HTTP 400)", async () => {
    // 21 tokens around a list of statuses; every one of the list's items is a token of its own.
    const document = (tokens: number) =>
      `{ privacyRequests(first: 5, status: [${Array.from({ length: tokens - 21 }, () => "RECEIVED").join(" ")}]) { edges { node { id } } } }`;
    expect((await gateway.asStaff(document(2000))).errors).toBeUndefined();
    const response = await gateway.asStaff(document(2001));
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(await errorCode(response)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses a query nested deeper than 8 levels", async () => {
    // processors → edges → node → transfers → processor → …: each field is one level, the leaf included.
    const depth8 = "{ processors(first: 1) { edges { node { transfers { processor { transfers { processor { id } } } } } } } }";
    const depth9 =
      "{ processors(first: 1) { edges { node { transfers { processor { transfers { processor { transfers { id } } } } } } } } }";
    expect((await gateway.asStaff(depth8)).errors).toBeUndefined();
    const refused = await gateway.asStaff(depth9);
    expect(await errorCode(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.errors?.[0]?.message).toContain("Query depth limit of 8 exceeded, found 9.");
    expect(refused.data ?? null).toBeNull();
  });

  it("refuses a query that costs more than 5000", async () => {
    // graphql-armor's prices: an object 2, a scalar 1 weighted 1.5 a level down, the whole times `first`;
    // so 1000 × (2 + 1.5 + 1.5) is 5000, and a top-level __typename adds 1.
    const cost5000 = "{ auditLog(first: 1000) { a: __typename b: __typename } }";
    const cost5001 = "{ __typename auditLog(first: 1000) { a: __typename b: __typename } }";
    expect((await gateway.asStaff(cost5000)).errors).toBeUndefined();
    const refused = await gateway.asStaff(cost5001);
    expect(await errorCode(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.errors?.[0]?.message).toContain("Query Cost limit of 5000 exceeded, found 5001.");
    expect(refused.data ?? null).toBeNull();
  });

  it("suggests no field names to a caller who guesses", async () => {
    const response = await gateway.execute("{ purpose { key } }");
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it(`serves at most ${MAX_PAGE_SIZE} records a page, however many are asked for`, async () => {
    // Each contact registered is one audited staff mutation, so the log holds more entries than one page.
    const register = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }";
    for (let i = 0; i < MAX_PAGE_SIZE + 5; i++) {
      expect(
        (await gateway.asStaff(register, { input: { subjectId: `paged-${i}`, email: `paged-${i}@example.com` } })).errors,
      ).toBeUndefined();
    }
    const response = await gateway.asStaff(`{ auditLog(first: ${MAX_PAGE_SIZE + 50}) { edges { node { id } } pageInfo { hasNextPage } } }`);
    const page = response.data?.auditLog as { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
    expect(page.edges).toHaveLength(MAX_PAGE_SIZE);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it("refuses batched requests", async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ viewer { kind } }" }, { query: "{ viewer { kind } }" }]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe(
      "BAD_REQUEST",
    );
  });

  it("answers CORS preflights for storefront origins only", async () => {
    await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: ["https://shop.test"] });
    const preflight = (origin: string) =>
      fetch(gateway.graphqlUrl, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const allowed = await preflight("https://shop.test");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.test");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await preflight("https://evil.test");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const simple = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://shop.test" },
      body: JSON.stringify({ query: "{ viewer { kind } }" }),
    });
    expect(simple.headers.get("access-control-allow-origin")).toBe("https://shop.test");
  });

  it("allows introspection outside production mode", async () => {
    expect((await gateway.execute(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("in production mode", () => {
  it("lets only privacy staff and partners introspect", async () => {
    await using gateway = await startTestGateway("pglite", undefined, undefined, { production: true });
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "auditor" });
    const registered = await gateway.asStaff("mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
      input: { name: "Acme Cloud", country: "SG", dataCategories: [], purposes: [] },
    });
    expect(registered.errors).toBeUndefined();
    const partner = await gateway.issueKey({ kind: "PARTNER", name: "acme", processorName: "Acme Cloud" });
    expect((await gateway.execute(INTROSPECTION, {}, { token: partner })).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    for (const token of [undefined, auditor]) {
      const response = await gateway.execute(INTROSPECTION, {}, { token });
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe("FORBIDDEN");
    }
    expect((await gateway.asStaff(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    expect((await gateway.execute("{ viewer { kind } }")).data).toEqual({ viewer: { kind: "ANONYMOUS" } });
  });
});

describe("per-caller rate limits", () => {
  it("answers 429 with Retry-After once a caller has used its minute, and counts each caller apart", async () => {
    const perMinute = { anonymous: 3, storefront: 3, shopper: 3, service: 3, partner: 3, staff: 3, auditor: 3 };
    await using gateway = await startTestGateway("pglite", undefined, undefined, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, requestsPerMinute: perMinute },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.execute("{ viewer { kind } }")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ viewer { kind } }" }),
    });
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await limited.json()).errors[0].extensions.code).toBe("RATE_LIMITED");
    expect((await gateway.asStaff("{ viewer { kind } }")).status).toBe(200);
  });
});
