import { describe, expect, it } from "vitest";
import { startTestGateway } from "../../test/harness.ts";
import { createJsonLogger } from "../ground/logger.ts";

const METRICS_TOKEN = "metrics-token-for-the-test";

describe("the access log and the metrics", () => {
  it("log one line per request and count requests, latency and errors by operation at a protected /metrics", async () => {
    const lines: string[] = [];
    await using gateway = await startTestGateway(
      "pglite",
      undefined,
      createJsonLogger((line) => lines.push(line)),
      { metricsToken: METRICS_TOKEN },
    );
    const answered = await gateway.execute("query Catalogue { purposes { key } }");
    const refused = await gateway.asStaff('{ consentState(subjectId: "a b") { subjectId } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_SUBJECT_ID");

    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.message === "request");
    expect(requests).toContainEqual(
      expect.objectContaining({
        requestId: answered.requestId,
        caller: "anonymous",
        operation: "query.purposes",
        operationName: "Catalogue",
        status: 200,
        durationMs: expect.any(Number),
      }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({ requestId: refused.requestId, caller: "staff", errors: ["INVALID_SUBJECT_ID"] }),
    );
    expect(lines.join("\n")).not.toContain("a b");

    expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(
      401,
    );
    const scraped = await fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toContain('custos_requests_total{operation="query.purposes",caller="anonymous",status="200"} 1');
    expect(text).toContain('custos_errors_total{code="INVALID_SUBJECT_ID"} 1');
    expect(text).toMatch(/custos_request_duration_seconds_count\{operation="query\.consentState"\} 1/);
    expect(text).toMatch(/custos_calendar_coverage_days_left\{jurisdiction="RU"\} -?\d+/);
    expect(text).toMatch(/custos_requests_overdue \d+/);
    expect(text).toMatch(/custos_outbox_oldest_unsent_seconds \d/);
    expect(text).toContain("custos_process_resident_memory_bytes");
  });

  it("answers 404 at /metrics when no token is configured", async () => {
    await using gateway = await startTestGateway("pglite");
    expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(404);
  });
});
