import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";

describe.each(TEST_ENGINES)("the staff desk's reads and moves through the SDK on %s", (engine) => {
  it("opens a request with its notices and answers, assigns it, and reads the registers, the record and the log", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    const auditor = createClient({ url: gateway.graphqlUrl, token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) });
    const { request } = await staff.requests.submit({ type: "QUESTION", jurisdiction: "DE", contactEmail: "asker@example.com" });
    await gateway.deliverMail();

    const opened = await auditor.requests.get(request.id);
    expect(opened).toMatchObject({ id: request.id, assignee: null, taskAnswers: [] });
    expect(opened.notices.map(({ template, status }) => ({ template, status }))).toEqual([
      { template: "request.acknowledgement", status: "SENT" },
    ]);
    // Keys are machines, not people: nobody is in the staff register, and a request goes to nobody.
    expect(await staff.staff.members()).toEqual([]);
    expect(await staff.requests.assign(request.id, null)).toMatchObject({ assignee: null, assignedAt: null });
    expect((await failureOf(staff.requests.assign(request.id, "nobody"))).code).toBe("INVALID_ASSIGNEE");
    expect((await failureOf(auditor.requests.assign(request.id, null))).code).toBe("FORBIDDEN");
    expect((await staff.requests.queue({ assigned: false })).edges.map(({ node }) => node.id)).toContain(request.id);

    expect(await auditor.records.disclosures()).toEqual([]);
    expect(await auditor.records.legalHolds({ activeOnly: true })).toEqual([]);
    expect(await auditor.records.retentionRuns()).toEqual([]);
    expect(await auditor.records.processing("HTML")).toMatch(/^<!doctype html>/i);
    expect((await auditor.notices.list({ status: "FAILED" })).edges).toEqual([]);
    expect((await auditor.audit.list({ operation: "privacyRequest" })).edges).toHaveLength(1);
    expect(await auditor.audit.export("CSV", { operation: "assignRequest" })).toMatch(/^occurred_at,actor,operation,/);
  });
});
