// Issue 25, finding 4: the 30-an-hour submission limit counted one per document, so 15 aliased `submitRequest` fields
// were one submission (3 mutations made 45 requests), and a submission inside a fragment was not counted at all (35
// of 35 accepted from one address), labelled `mutation.fragment` in the access log and metrics.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/ground/logger.ts";
import { DEFAULT_RATE_LIMITS } from "../../src/transport/limits/rate-limit-settings.ts";
import { startTestGateway } from "../harness.ts";

const PER_HOUR = DEFAULT_RATE_LIMITS.submissionsPerHour;
const input = (n: number) => `{ type: QUESTION, jurisdiction: "DE", contactEmail: "person${n}@example.com" }`;
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

function recordingLog(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, info: (message, fields) => lines.push({ message, ...fields }), warn: () => {}, error: () => {} };
}

describe("issue 25: submissions counted per field, however the document is shaped", () => {
  it("15 aliased submissions spend 15 of the address's allowance: 3 such mutations make 30 requests, not 45", async () => {
    await using gateway = await startTestGateway("pglite");
    const made: number[] = [];
    for (let round = 0; round < 3; round++) {
      const fields = Array.from({ length: 15 }, (_, i) => `s${i}: submitRequest(input: ${input(round * 15 + i)}) { request { id } }`);
      const response = await gateway.execute(`mutation { ${fields.join(" ")} }`);
      made.push(Object.keys(response.data ?? {}).length);
      if (round === 2) expect([response.status, codeOf(response)]).toEqual([429, "RATE_LIMITED"]);
    }
    expect(made).toEqual([15, 15, 0]);
    expect(await gateway.database.prisma.privacyRequest.count()).toBe(PER_HOUR);
  });

  it("submissions inside named and inline fragments are counted, and labelled by their field", async () => {
    const log = recordingLog();
    await using gateway = await startTestGateway("pglite", undefined, log, { metricsToken: "metrics-token-for-the-test" });
    const statuses: number[] = [];
    for (let i = 0; i < PER_HOUR + 5; i++) {
      const query =
        i % 2 === 0
          ? `mutation { ...Submit } fragment Submit on Mutation { submitRequest(input: ${input(i)}) { request { id } } }`
          : `mutation { ... on Mutation { submitRequest(input: ${input(i)}) { request { id } } } }`;
      statuses.push((await gateway.execute(query)).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(PER_HOUR);
    expect(statuses.slice(PER_HOUR).every((status) => status === 429)).toBe(true);
    expect(await gateway.database.prisma.privacyRequest.count()).toBe(PER_HOUR);

    const operations = new Set(log.lines.filter((line) => line.message === "request").map((line) => line.operation));
    expect([...operations]).toEqual(["mutation.submitRequest"]);
    const metrics = await fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: "Bearer metrics-token-for-the-test" } });
    const text = await metrics.text();
    expect(text).toContain('custos_requests_total{operation="mutation.submitRequest",caller="anonymous",status="200"} 30');
    expect(text).not.toContain("mutation.fragment");
  });

  it("a batch of submissions in one HTTP request is refused whole", async () => {
    await using gateway = await startTestGateway("pglite");
    const batch = Array.from({ length: 3 }, (_, i) => ({ query: `mutation { submitRequest(input: ${input(i)}) { request { id } } }` }));
    const response = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
    });
    expect(response.status).toBe(400);
    expect(await gateway.database.prisma.privacyRequest.count()).toBe(0);
  });
});
