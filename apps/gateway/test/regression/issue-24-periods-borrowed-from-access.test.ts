// Issue 24, deadlines: request types other than access took the access rule's period (152-FZ rectification and
// erasure: 10 working days + 5, where Art. 20 part 3 gives 7 and no extension), and the United Kingdom fell to the
// company's default (30 calendar days in UTC, no extension) where UK GDPR Art. 12(3) gives one month, extendable by two.
// Each date below is counted by hand from the statute, never taken from the engine. Deadlines do not depend on the
// database engine, so one (PGlite) is enough.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const STAFF_VIEW = "query ($id: ID!) { privacyRequest(id: $id) { id dueAt deadlineRule extensionNoticeBy } }";
const EXTEND = `mutation ($id: ID!, $reason: String!) {
  extendRequestDeadline(id: $id, reason: $reason) { dueAt extendedDueAt } }`;
type Submitted = { request: { id: string } };
type Seen = { id: string; dueAt: string; deadlineRule: string; extensionNoticeBy: string | null };

let gateway: TestGateway;
let counter = 0;
beforeAll(async () => {
  gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
});
afterAll(() => gateway[Symbol.asyncDispose]());
afterEach(restoreClock);

async function submit(type: string, jurisdiction: string, receivedAt: string) {
  moveClockTo(receivedAt);
  const input = { type, jurisdiction, contactEmail: `issue-24-${++counter}@example.com` };
  const { id } = dataOf<Submitted>(await gateway.execute(SUBMIT, { input }), "submitRequest").request;
  // What privacy staff see of it, as the person's own view shows no rule.
  return dataOf<Seen>(await gateway.asStaff(STAFF_VIEW, { id }), "privacyRequest");
}

describe("152-FZ rectification and erasure", () => {
  // Received Tuesday 6 October 2026 (Moscow). Working days after it: Wed 7, Thu 8, Fri 9, Mon 12, Tue 13, Wed 14,
  // Thu 15 October: the seventh is 15 October, no holiday between (production calendar 2026). End of that day in
  // Moscow (UTC+3): 2026-10-15T20:59:59.999Z. The access rule gave 20 October.
  it.each(["RECTIFICATION", "ERASURE"])("%s is due in seven working days, with no extension", async (type) => {
    const request = await submit(type, "RU", "2026-10-06T09:00:00Z");
    expect(request).toMatchObject({ dueAt: "2026-10-15T20:59:59.999Z", deadlineRule: "RU-152-FZ-ART-20-3", extensionNoticeBy: null });
    const extension = await gateway.asStaff(EXTEND, { id: request.id, reason: "many systems" });
    expect(extension.errors?.[0]?.extensions?.code).toBe("EXTENSION_NOT_ALLOWED");
  });

  it("a demand to stop processing keeps ten working days and five more (Art. 21 part 5.1)", async () => {
    // Ten working days after Tuesday 6 October 2026: 7, 8, 9, 12, 13, 14, 15, 16, 19, 20 October.
    const request = await submit("OBJECTION", "RU", "2026-10-06T09:00:00Z");
    expect(request).toMatchObject({ dueAt: "2026-10-20T20:59:59.999Z", deadlineRule: "RU-152-FZ-ART-21-5-1" });
  });
});

describe("UK GDPR", () => {
  // Received Monday 1 February 2027 in London (GMT). One month from the day of receipt (ICO): the corresponding date,
  // Monday 1 March 2027, a working day. End of that day in London: 2027-03-01T23:59:59.999Z. The default rule gave
  // 30 calendar days in UTC, 3 March, with no extension.
  it("is one month, counted in London", async () => {
    const request = await submit("ACCESS", "GB", "2027-02-01T10:00:00Z");
    expect(request).toMatchObject({
      dueAt: "2027-03-01T23:59:59.999Z",
      deadlineRule: "UK-GDPR-ART-12-3",
      extensionNoticeBy: "2027-03-01T23:59:59.999Z",
    });
  });

  it("extends by two further months, past a weekend and a bank holiday", async () => {
    // Three months from 1 February 2027: Saturday 1 May; Sunday 2 May; Monday 3 May is the Early May bank holiday,
    // so the next working day is Tuesday 4 May. End of that day in London (BST, UTC+1): 2027-05-04T22:59:59.999Z.
    const request = await submit("ERASURE", "GB", "2027-02-01T10:00:00Z");
    const extended = await gateway.asStaff(EXTEND, { id: request.id, reason: "records in three archives" });
    expect(dataOf(extended, "extendRequestDeadline")).toEqual({
      dueAt: "2027-05-04T22:59:59.999Z",
      extendedDueAt: "2027-05-04T22:59:59.999Z",
    });
  });
});
