// Issue 25, finding 7: `/metrics` and download tokens could be guessed without any limit (100 of 100 wrong tries
// answered). Every route that takes a secret now counts wrong ones against the address's refused credentials
// (CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS, 20 a minute) and answers 429 past them, right secret or wrong.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/transport/limits/rate-limit-settings.ts";
import { startTestGateway } from "../harness.ts";

const BUDGET = DEFAULT_RATE_LIMITS.refusedCredentialsPerMinute;
const METRICS_TOKEN = "metrics-token-for-the-guessing-test";
function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe("issue 25: secrets cannot be guessed without limit", () => {
  it("download links: 100 wrong tries, 20 answered, then 429", async () => {
    await using gateway = await startTestGateway("pglite");
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${gateway.baseUrl}/exports/requests/${randomUUID()}?token=cre_${randomUUID()}.${i}.guess`);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(tally(statuses)).toEqual({ 404: BUDGET, 429: 100 - BUDGET });
  });

  it("/metrics: 100 wrong tokens, 20 answered; then even the right one waits, while other addresses are served", async () => {
    await using gateway = await startTestGateway("pglite", undefined, undefined, {
      metricsToken: METRICS_TOKEN,
      trustedProxies: ["127.0.0.1"],
    });
    const scrape = (token: string, from: string) =>
      fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": from } });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await scrape(`guess-${i}`, "203.0.113.7")).status);
    expect(tally(statuses)).toEqual({ 401: BUDGET, 429: 100 - BUDGET });
    expect((await scrape(METRICS_TOKEN, "203.0.113.7")).status).toBe(429);
    expect((await scrape(METRICS_TOKEN, "198.51.100.2")).status).toBe(200);
  });

  it("unsubscribe and tracking tokens through GraphQL: aliases count each, 20 wrong answered of 100", async () => {
    await using gateway = await startTestGateway("pglite", undefined, undefined, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, requestsPerMinute: { ...DEFAULT_RATE_LIMITS.requestsPerMinute, anonymous: 1000 } },
    });
    const guesses = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) =>
        (offset + i) % 2 === 0
          ? `g${i}: unsubscribe(token: "guess-${offset + i}") { recorded }`
          : `g${i}: withdrawRequest(token: "crt_${randomUUID()}.guess${offset + i}") { id }`,
      ).join(" ");
    let answered = 0;
    const codes = new Set<unknown>();
    for (let sent = 0; sent < 100; ) {
      const n = sent < 45 ? 15 : 1;
      const response = await gateway.execute(`mutation { ${guesses(n, sent)} }`);
      sent += n;
      for (const error of response.errors ?? []) codes.add(error.extensions?.code);
      answered += (response.errors ?? []).filter((error) => error.extensions?.code !== "RATE_LIMITED").length;
    }
    expect(answered).toBe(BUDGET);
    expect(codes).toEqual(new Set(["INVALID_UNSUBSCRIBE_TOKEN", "NOT_FOUND", "RATE_LIMITED"]));
    const status = await gateway.execute(`query { requestStatus(token: "crt_${randomUUID()}.x") { id } }`);
    expect([status.status, status.errors?.[0]?.extensions?.code]).toEqual([429, "RATE_LIMITED"]);
  });
});
