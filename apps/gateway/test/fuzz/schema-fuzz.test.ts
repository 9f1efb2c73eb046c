// Property-based fuzzing of the whole schema over HTTP, as every kind of caller with valid credentials (and one
// with refused ones). For every case: the gateway does not crash, a caller's mistake is never a 5xx, every error
// carries a code, no answer holds a stack trace or a file path, and a refused call writes nothing.
// `npm test` runs CUSTOS_FUZZ_CASES (default 1000); `pnpm --filter @custos/gateway test:fuzz` runs 10 000.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../regression/raw-http.ts";
import { FUZZ_CALLERS, type FuzzCaller, type FuzzWorld, startFuzzWorld } from "./fuzz-world.ts";
import { anyOperation, brokenDocument, type FuzzOperation } from "./operations.ts";

const CASES = Number(process.env.CUSTOS_FUZZ_CASES || 1000);
const SEED = process.env.CUSTOS_FUZZ_SEED ? Number(process.env.CUSTOS_FUZZ_SEED) : undefined;

/** Refusals that record something on purpose: a wrong verification code counts against the request's attempts. */
const REFUSALS_THAT_RECORD = new Set(["VERIFICATION_FAILED", "VERIFICATION_LOCKED"]);
const LEAKS = /\bat [\w.<>]+ \(|\.[cm]?[tj]s:\d+|\/work\/|node_modules|stacktrace|PrismaClient|invalid input syntax/i;
const RAW_TARGETS = [
  "//",
  "///",
  "//[",
  "http://[",
  "http://%zz/",
  "http://x:99999/",
  "//a:-1",
  "http://a:b@/",
  "/graphql/../health",
  "/exports/requests/%zz",
  "/exports/requests/00000000-0000-0000-0000-000000000000?token=x",
  "/health?x=%",
  "/%00",
  "/graphql?query=%7B",
  "*",
];

interface Tally {
  cases: number;
  crashes: number;
  serverErrors: number;
  uncoded: number;
  internal: number;
  leaks: number;
  refusedThatWrote: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string) {
  counts[key] = (counts[key] ?? 0) + 1;
}

type Case =
  | { kind: "operation"; caller: FuzzCaller; operation: FuzzOperation }
  | { kind: "raw"; target: string; method: string; body: string };

describe("fuzzing the whole schema", () => {
  let world: FuzzWorld;
  const tally: Tally = {
    cases: 0,
    crashes: 0,
    serverErrors: 0,
    uncoded: 0,
    internal: 0,
    leaks: 0,
    refusedThatWrote: 0,
    statuses: {},
    codes: {},
  };
  beforeAll(async () => {
    world = await startFuzzWorld("pglite");
  });
  afterAll(async () => {
    console.log(`schema fuzz: ${JSON.stringify(tally)}`);
    await world?.[Symbol.asyncDispose]();
  });

  async function send(testCase: Case): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
    if (testCase.kind === "raw") {
      const response = await rawRequest(world.gateway.baseUrl, testCase.target, {
        method: testCase.method,
        body: testCase.body,
        headers: { "content-type": "application/json" },
      });
      return { status: response.status, text: response.body, headers: response.headers };
    }
    const { token, origin } = world.credentials[testCase.caller];
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (origin) headers.origin = origin;
    const { query, variables } = testCase.operation;
    const response = await rawRequest(world.gateway.baseUrl, "/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, text: response.body, headers: response.headers };
  }

  const rawCases: fc.Arbitrary<Case> = fc.record({
    kind: fc.constant("raw" as const),
    target: fc.constantFrom(...RAW_TARGETS),
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS"),
    body: fc.oneof(fc.constant(""), fc.string({ maxLength: 50 }), fc.constant('{"query":"{ viewer { kind } }"}')),
  });

  it(`survives ${CASES} fuzzed requests: no crash, no 5xx, a code on every error, no leak, nothing written by a refusal`, {
    timeout: Math.max(120_000, CASES * 200),
  }, async () => {
    const operations = fc.oneof({ weight: 5, arbitrary: anyOperation(world.known) }, { weight: 1, arbitrary: brokenDocument(world.known) });
    const operationCases: fc.Arbitrary<Case> = fc.record({
      kind: fc.constant("operation" as const),
      caller: fc.constantFrom(...FUZZ_CALLERS),
      operation: operations,
    });
    const arbitrary = fc.oneof({ weight: 16, arbitrary: operationCases }, { weight: 1, arbitrary: rawCases });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (testCase) => {
        tally.cases += 1;
        const before = await world.fingerprint();
        const { status, text } = await send(testCase);
        const label =
          testCase.kind === "raw" ? `raw ${testCase.method} ${testCase.target}` : `${testCase.caller} ${testCase.operation.name}`;
        bump(tally.statuses, String(status));
        if (status === 0) tally.crashes += 1;
        expect(status, `${label}: no answer`).not.toBe(0);
        if (status >= 500) tally.serverErrors += 1;
        expect(status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (LEAKS.test(text)) tally.leaks += 1;
        expect(text, label).not.toMatch(LEAKS);
        if (!text.startsWith("{")) return; // a bare 400 from Node for a request line it refused, or an empty preflight answer
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] };
        const errors = body.errors ?? [];
        for (const error of errors) {
          const code = error.extensions?.code;
          if (typeof code !== "string") tally.uncoded += 1;
          else bump(tally.codes, code);
          if (code === "INTERNAL_SERVER_ERROR") tally.internal += 1;
          expect(code, `${label}: ${text.slice(0, 300)}`).toEqual(expect.any(String));
          expect(code, `${label}: ${text.slice(0, 300)}`).not.toBe("INTERNAL_SERVER_ERROR");
        }
        if (errors.length > 0 && !errors.some((error) => REFUSALS_THAT_RECORD.has(String(error.extensions?.code)))) {
          const after = await world.fingerprint();
          if (after !== before) tally.refusedThatWrote += 1;
          expect(after, `${label} was refused (${text.slice(0, 200)}) but wrote`).toBe(before);
        }
      }),
      { numRuns: CASES, seed: SEED, endOnFailure: true },
    );
    const health = await fetch(`${world.gateway.baseUrl}/health`);
    expect(health.status).toBe(200);
  });
});
