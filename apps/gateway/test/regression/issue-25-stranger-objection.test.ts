// Issue 25, finding 6: an anonymous OBJECTION naming a customer's id, with the stranger's own address and
// `directMarketing: true`, answered `concerns: ADDRESS`, yet withdrew the customer's marketing consent, and the customer
// was never told. An objection now applies to a customer only when it is about them: their session, staff, or a code
// confirmed from the account's registered address.
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const STRANGER = "stranger@evil.test";
const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { trackingToken concerns verificationSentTo request { id status } } }`;
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status } }";
const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId } }";
const CONSENT = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
type Submitted = { trackingToken: string; concerns: string; request: { id: string; status: string } };

describe.each(TEST_ENGINES)("issue 25: a stranger's objection on %s", (engine) => {
  let gateway: TestGateway;
  let accountsKey: string;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    const input = { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true };
    expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
    accountsKey = await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  async function customerWhoGranted(customer: string, registered: string | null) {
    if (registered) {
      const input = { subjectId: customer, email: registered };
      expect((await gateway.execute(REGISTER, { input }, { token: accountsKey })).errors).toBeUndefined();
    }
    const input = { subjectId: customer, purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" };
    expect((await gateway.execute(CONSENT, { input }, { token: accountsKey })).errors).toBeUndefined();
  }
  const marketing = async (customer: string) =>
    (
      await gateway.database.prisma.consentState.findFirstOrThrow({
        where: { subject: { externalId: customer }, purpose: { key: "marketing" } },
      })
    ).decision;
  const object = async (customer: string, credentials = {}) =>
    dataOf<Submitted>(
      await gateway.execute(
        SUBMIT,
        { input: { type: "OBJECTION", jurisdiction: "DE", subjectId: customer, contactEmail: STRANGER, directMarketing: true } },
        credentials,
      ),
      "submitRequest",
    );

  it("an objection about the typed address only leaves the customer's marketing consent alone", async () => {
    await customerWhoGranted("cust-obj-1", null);
    const submitted = await object("cust-obj-1");
    expect(submitted.concerns).toBe("ADDRESS");
    expect(await marketing("cust-obj-1")).toBe("GRANTED");
  });

  it("an objection naming a customer with a registered address waits for the code sent there", async () => {
    const owner = "owner.obj-2@example.com";
    await customerWhoGranted("cust-obj-2", owner);
    const submitted = await object("cust-obj-2");
    expect(submitted).toMatchObject({ concerns: "ACCOUNT", request: { status: "AWAITING_VERIFICATION" } });
    expect(await marketing("cust-obj-2")).toBe("GRANTED");
    // The customer is told: the code (and the acknowledgement) went to their address, nothing to the stranger's.
    const sent = await gateway.database.prisma.outboxMessage.findMany({
      where: { payload: { path: ["requestId"], equals: submitted.request.id } },
    });
    expect(new Set(sent.map((message) => message.recipient))).toEqual(new Set([owner]));
    const code = sent.find((message) => message.template === "request.verification-code")?.payload as { code: string };
    // Then acted on at once (issue 24): withdrawn and completed.
    expect((await gateway.execute(VERIFY, { token: submitted.trackingToken, code: code.code })).data?.verifyRequest).toEqual({
      status: "COMPLETED",
    });
    expect(await marketing("cust-obj-2")).toBe("WITHDRAWN");
  });

  it("the customer's own objection, from their session, withdraws at once", async () => {
    await customerWhoGranted("cust-obj-3", null);
    const submitted = await object("cust-obj-3", { token: await gateway.shopperSession("cust-obj-3") });
    expect(submitted.concerns).toBe("ACCOUNT");
    expect(await marketing("cust-obj-3")).toBe("WITHDRAWN");
  });
});
