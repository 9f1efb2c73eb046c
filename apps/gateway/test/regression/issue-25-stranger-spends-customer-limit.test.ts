// Issue 25, finding 7: a stranger could use up a registered customer's three unverified requests a day (counted per
// mailbox, whoever sent them) and send the customer 26 e-mails a day. The mailbox's budgets are now counted per sender
// network, with a backstop for all senders together: a stranger spends only their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import {
  MAILS_PER_MAILBOX,
  MAILS_PER_MAILBOX_FROM_ONE_SENDER,
  UNPROVEN_REQUESTS_PER_MAILBOX,
} from "../../src/requests/intake/contact-address.ts";
import { UNVERIFIED_REQUESTS_PER_ADDRESS } from "../../src/requests/intake/verification-code.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { trackingToken verificationSentTo request { status } } }`;
const RESEND = "mutation ($token: String!) { resendRequestCode(token: $token) { status } }";
const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId } }";
const STRANGER = "198.51.100.66";
// The same /24: a stranger rotating addresses within their network is still one sender.
const STRANGER_NEIGHBOUR = "198.51.100.67";
const CUSTOMER = "203.0.113.7";
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  String(response.errors?.[0]?.extensions?.code ?? "ok");

describe("issue 25: a stranger spends a customer's limits", () => {
  let gateway: TestGateway;
  let accountsKey: string;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", undefined, silentLogger, { rateLimits: "off", trustedProxies: ["127.0.0.1"] });
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    const input = { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true };
    expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
    accountsKey = await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  async function customer(subjectId: string, email: string) {
    const input = { subjectId, email };
    expect((await gateway.execute(REGISTER, { input }, { token: accountsKey })).errors).toBeUndefined();
  }
  const accessRequest = (subjectId: string, from: string) =>
    gateway.execute(
      SUBMIT,
      { input: { type: "ACCESS", jurisdiction: "DE", subjectId, contactEmail: "stranger@evil.test" } },
      { forwardedFor: from },
    );
  const mailsTo = async (address: string) => {
    await gateway.deliverMail();
    return gateway.mail.sent.filter((message) => message.recipient === address).length;
  };

  it("a stranger's unverified requests leave the customer's own three", async () => {
    await customer("cust-limit-1", "owner.limit-1@example.com");
    const stranger = [];
    for (let i = 0; i <= UNVERIFIED_REQUESTS_PER_ADDRESS; i++) stranger.push(codeOf(await accessRequest("cust-limit-1", STRANGER)));
    stranger.push(codeOf(await accessRequest("cust-limit-1", STRANGER_NEIGHBOUR)));
    expect(stranger).toEqual([...Array(UNVERIFIED_REQUESTS_PER_ADDRESS).fill("ok"), "RATE_LIMITED", "RATE_LIMITED"]);

    // Before the fix the customer's own request from their own network was refused here.
    const own = dataOf<{ verificationSentTo: string | null; request: { status: string } }>(
      await accessRequest("cust-limit-1", CUSTOMER),
      "submitRequest",
    );
    expect(own).toMatchObject({ verificationSentTo: "o***@e***.com", request: { status: "AWAITING_VERIFICATION" } });
  });

  it("a stranger sends a customer at most 8 e-mails a day, all strangers together 15, and the signed-in customer still gets through", async () => {
    const owner = "owner.limit-2@example.com";
    await customer("cust-limit-2", owner);
    const flood = async (from: string) => {
      const answers: string[] = [];
      const tokens: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await accessRequest("cust-limit-2", from);
        answers.push(codeOf(response));
        const token = (response.data?.submitRequest as { trackingToken?: string } | null)?.trackingToken;
        if (token) tokens.push(token);
      }
      for (const token of tokens)
        for (let i = 0; i < 5; i++) answers.push(codeOf(await gateway.execute(RESEND, { token }, { forwardedFor: from })));
      for (let i = 0; i < UNPROVEN_REQUESTS_PER_MAILBOX; i++) {
        const question = { type: "QUESTION", jurisdiction: "DE", contactEmail: owner };
        answers.push(codeOf(await gateway.execute(SUBMIT, { input: question }, { forwardedFor: from })));
      }
      return answers;
    };

    // Before the fix one stranger's requests, codes and questions reached the customer 26 times a day.
    await flood(STRANGER);
    expect(await mailsTo(owner)).toBe(MAILS_PER_MAILBOX_FROM_ONE_SENDER);
    await flood("192.0.2.10");
    expect(await mailsTo(owner)).toBe(MAILS_PER_MAILBOX);
    expect(new Set(await flood("233.252.0.20"))).toEqual(new Set(["RATE_LIMITED"]));
    expect(await mailsTo(owner)).toBe(MAILS_PER_MAILBOX);

    // The customer signed in needs no code, so no budget: their request goes straight to work.
    const session = await gateway.shopperSession("cust-limit-2");
    const own = await gateway.execute(
      SUBMIT,
      { input: { type: "ACCESS", jurisdiction: "DE" } },
      { token: session, forwardedFor: STRANGER },
    );
    expect(dataOf<{ request: { status: string } }>(own, "submitRequest").request.status).not.toBe("AWAITING_VERIFICATION");
  });

  it("sender keys are dropped once they no longer count a budget", async () => {
    const { prisma } = gateway.database;
    const keyed = await prisma.privacyRequest.count({ where: { senderKey: { not: null } } });
    expect(keyed).toBeGreaterThan(0);
    const { purgeExpiredCopies } = await import("../../src/cross-tenant/expired-copies.ts");
    expect((await purgeExpiredCopies(prisma)).senderKeys).toBe(0);
    expect((await purgeExpiredCopies(prisma, new Date(Date.now() + 3 * 86_400_000))).senderKeys).toBe(keyed);
  });
});
