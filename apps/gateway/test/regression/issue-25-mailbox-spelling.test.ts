// Issue 25, finding 5: the 5-a-day per-mailbox limit was beaten by spelling. `target(1)@inbox.test`,
// `"target"@inbox.test` and `<target@inbox.test>` were counted as different mailboxes and all delivered to one inbox
// (9 accepted against a limit of 5). Addresses are now parsed as RFC 5322 and kept in their one plain spelling.
import { describe, expect, it } from "vitest";
import { UNPROVEN_REQUESTS_PER_MAILBOX } from "../../src/requests/intake/contact-address.ts";
import { startTestGateway } from "../harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

const SPELLINGS = [
  "target@inbox.test",
  "target(1)@inbox.test",
  '"target"@inbox.test',
  "<target@inbox.test>",
  "Target@INBOX.test",
  "target(2)@inbox.test",
  '"target"(3)@inbox.test',
  "target@(4)inbox.test",
  '"target+5"@inbox.test',
];

describe("issue 25: one mailbox, however its address is spelled", () => {
  it("nine spellings of one address are one mailbox: 5 accepted, not 9, and the mail goes to one plain address", async () => {
    await using gateway = await startTestGateway("pglite");
    const outcomes: string[] = [];
    for (const contactEmail of SPELLINGS) {
      const response = await gateway.execute(SUBMIT, { input: { type: "QUESTION", jurisdiction: "DE", contactEmail } });
      outcomes.push(String(codeOf(response) ?? "ok"));
    }
    expect(outcomes).toEqual([
      ...Array(UNPROVEN_REQUESTS_PER_MAILBOX).fill("ok"),
      ...Array(SPELLINGS.length - UNPROVEN_REQUESTS_PER_MAILBOX).fill("RATE_LIMITED"),
    ]);
    const stored = await gateway.database.prisma.privacyRequest.findMany({ select: { contactEmail: true } });
    expect(new Set(stored.map((row) => row.contactEmail))).toEqual(new Set(["target@inbox.test", "Target@inbox.test"]));
    await gateway.deliverMail();
    expect(gateway.mail.sent).toHaveLength(UNPROVEN_REQUESTS_PER_MAILBOX);
    expect(new Set(gateway.mail.sent.map((message) => message.recipient.toLowerCase()))).toEqual(new Set(["target@inbox.test"]));
  });

  it("an address that is not exactly one plain mailbox is refused as INVALID_REQUEST", async () => {
    await using gateway = await startTestGateway("pglite");
    for (const contactEmail of [
      "target@[127.0.0.1]",
      '"tar..get"@inbox.test',
      "target@inbox.test.",
      "a@b.test,c@d.test",
      "list: target@inbox.test;",
    ]) {
      const response = await gateway.execute(SUBMIT, { input: { type: "QUESTION", jurisdiction: "DE", contactEmail } });
      expect([contactEmail, codeOf(response)]).toEqual([contactEmail, "INVALID_REQUEST"]);
    }
    expect(await gateway.database.prisma.privacyRequest.count()).toBe(0);
  });
});
