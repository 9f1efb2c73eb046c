// Issue 11: anonymous requests flooded one mailbox (+tags bypassed the per-address limit), and a refused
// objection had already committed its consent withdrawal.
import { describe, expect, it } from "vitest";
import { UNPROVEN_REQUESTS_PER_MAILBOX } from "../../src/requests/intake/contact-address.ts";
import { DEFAULT_RATE_LIMITS } from "../../src/transport/limits/rate-limit-settings.ts";
import { startTestGateway, type TestGateway } from "../harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

async function rowCounts(gateway: TestGateway) {
  const { prisma } = gateway.database;
  const [events, requests, subjects, outbox, audit] = await Promise.all([
    prisma.consentEvent.count(),
    prisma.privacyRequest.count(),
    prisma.dataSubject.count(),
    prisma.outboxMessage.count(),
    prisma.auditLogEntry.count(),
  ]);
  return { events, requests, subjects, outbox, audit };
}

describe("issue 11: mail flooding", () => {
  it("anonymous questions no longer queue an e-mail each to one victim, with or without +tags and capitals", async () => {
    await using gateway = await startTestGateway("pglite");
    const statuses: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      const contactEmail = i % 2 === 0 ? `victim+${i}@example.com` : `Victim@Example.COM`;
      const response = await gateway.execute(SUBMIT, {
        input: { type: i % 3 === 0 ? "COMPLAINT" : "QUESTION", jurisdiction: "DE", contactEmail },
      });
      statuses.push(codeOf(response) ?? "ok");
    }
    expect(statuses.filter((status) => status === "ok")).toHaveLength(UNPROVEN_REQUESTS_PER_MAILBOX);
    expect(statuses.slice(UNPROVEN_REQUESTS_PER_MAILBOX).every((status) => status === "RATE_LIMITED")).toBe(true);
    // Another mailbox is not affected, and `%` in an address matches no one else's.
    const other = await gateway.execute(SUBMIT, { input: { type: "QUESTION", jurisdiction: "DE", contactEmail: "%@%.%%" } });
    expect(codeOf(other)).toBeUndefined();
  });

  it("a refused OBJECTION with directMarketing commits no withdrawal, subject, request, e-mail or audit row", async () => {
    await using gateway = await startTestGateway("pglite");
    const objection = {
      type: "OBJECTION",
      jurisdiction: "DE",
      contactEmail: "objector@example.com",
      subjectId: "cust-obj",
      directMarketing: true,
    };
    for (let i = 0; i < UNPROVEN_REQUESTS_PER_MAILBOX; i++)
      expect(codeOf(await gateway.execute(SUBMIT, { input: objection }))).toBeUndefined();
    const before = await rowCounts(gateway);
    for (let i = 0; i < 3; i++) {
      const refused = await gateway.execute(SUBMIT, { input: { ...objection, subjectId: `cust-obj-${i}` } });
      expect(codeOf(refused)).toBe("RATE_LIMITED");
    }
    expect(await rowCounts(gateway)).toEqual(before);
  });

  it("one address may not submit without limit by naming new mailboxes each time", async () => {
    await using gateway = await startTestGateway("pglite", undefined, undefined, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, submissionsPerHour: 3 },
    });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const response = await gateway.execute(SUBMIT, {
        input: { type: "QUESTION", jurisdiction: "DE", contactEmail: `person${i}@example.com` },
      });
      codes.push([response.status, codeOf(response) ?? "ok"]);
    }
    expect(codes).toEqual([
      [200, "ok"],
      [200, "ok"],
      [200, "ok"],
      [429, "RATE_LIMITED"],
      [429, "RATE_LIMITED"],
    ]);
    expect(
      (await gateway.asStaff(SUBMIT, { input: { type: "QUESTION", jurisdiction: "DE", contactEmail: "desk@example.com" } })).errors,
    ).toBeUndefined();
  });
});
