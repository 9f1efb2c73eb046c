// Issue 15: a stranger could take over a customer's data-subject request by naming the customer's id with their own
// address: the code went to the stranger, and so did the answer and the download. Every step here goes through the
// public HTTP path, as a company and an attacker would take it.
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { startTestGateway, type TestGateway } from "../harness.ts";

const SHOP = "https://shop.test";
const ATTACKER = "attacker@evil.test";
const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { trackingToken concerns verificationSentTo request { id status } } }`;
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status verificationMethod } }";
const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId email } }";
const PULL = "mutation { pullRequestTasks(limit: 50) { id request { id type subjectId contactEmail } } }";
const COMPLETE = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";

interface World {
  gateway: TestGateway;
  accountsKey: string;
  ordersKey: string;
  storefrontKey: string;
}

type Submitted = { trackingToken: string; concerns: string; verificationSentTo: string | null; request: { id: string; status: string } };

async function setUp(gateway: TestGateway): Promise<World> {
  const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
  for (const input of [
    { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true },
    { key: "orders", name: "Orders", dataCategories: ["identity"] },
  ]) {
    expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
  }
  return {
    gateway,
    accountsKey: await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" }),
    ordersKey: await gateway.issueKey({ kind: "SERVICE", name: "orders app", dataSystemKey: "orders" }),
    storefrontKey: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] }),
  };
}

const recipients = async (gateway: TestGateway, requestId: string) =>
  (await gateway.database.prisma.outboxMessage.findMany({ where: { payload: { path: ["requestId"], equals: requestId } } })).map(
    ({ recipient, template }) => ({ recipient, template }),
  );

const codeSentTo = async (gateway: TestGateway, recipient: string) => {
  const codes = await gateway.database.prisma.outboxMessage.findMany({
    where: { recipient, template: "request.verification-code" },
    orderBy: { createdAt: "desc" },
  });
  return String((codes[0]?.payload as { code?: string } | undefined)?.code);
};

/** Each app answers its open tasks honestly, as a real app would for the subject or address it is given. */
async function appsAnswer(world: World) {
  for (const token of [world.accountsKey, world.ordersKey]) {
    const pulled = await world.gateway.execute(PULL, {}, { token });
    for (const task of (pulled.data?.pullRequestTasks ?? []) as { id: string; request: { type: string } }[]) {
      const exporting = task.request.type === "ACCESS";
      const input = exporting
        ? { taskId: task.id, data: [{ category: "orders", records: [{ order: "A-1", address: "1 Secret Street" }] }] }
        : { taskId: task.id, confirmation: "done" };
      expect((await world.gateway.execute(COMPLETE, { input }, { token })).errors).toBeUndefined();
    }
  }
}

describe.each(TEST_ENGINES)("issue 15: request takeover on %s", (engine) => {
  let world: World;
  beforeAll(async () => {
    const gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, {
      rateLimits: "off",
    });
    world = await setUp(gateway);
  });
  afterAll(() => world.gateway[Symbol.asyncDispose]());

  const cases = (["ACCESS", "ERASURE", "RESTRICTION"] as const).flatMap((type) =>
    (["anonymous", "storefront"] as const).map((via) => [type, via] as const),
  );

  it.each(cases)("a stranger naming a customer cannot take over an %s request (%s)", async (type, via) => {
    const { gateway } = world;
    const customer = `cust-${type.toLowerCase()}-${via}`;
    const owner = `owner.${customer}@example.com`;
    const registered = await gateway.execute(
      REGISTER,
      { input: { subjectId: customer, email: owner, language: "ru" } },
      { token: world.accountsKey },
    );
    expect(registered.data?.registerSubjectContact).toEqual({ subjectId: customer, email: owner });

    const credentials = via === "storefront" ? { token: world.storefrontKey, origin: SHOP } : {};
    const response = await gateway.execute(
      SUBMIT,
      { input: { type, jurisdiction: "DE", subjectId: customer, contactEmail: ATTACKER } },
      credentials,
    );
    const submitted = response.data?.submitRequest as Submitted;
    expect(submitted).toMatchObject({ concerns: "ACCOUNT", request: { status: "AWAITING_VERIFICATION" } });
    // The requester is told, masked, where the code went: the account's address, not the one typed.
    expect(submitted.verificationSentTo).toBe("o***@e***.com");

    // The stranger has no code: every guess fails, and nothing was ever sent to their address.
    const guess = await gateway.execute(VERIFY, { token: submitted.trackingToken, code: "123456" });
    expect(guess.errors?.[0]?.extensions?.code).toBe("VERIFICATION_FAILED");

    // The real customer received the code (and the acknowledgement) and goes on; the apps answer honestly.
    const verified = await gateway.execute(VERIFY, { token: submitted.trackingToken, code: await codeSentTo(gateway, owner) });
    expect(verified.data?.verifyRequest).toEqual({ status: "IN_PROGRESS", verificationMethod: "EMAIL_CODE" });
    await appsAnswer(world);

    const sent = await recipients(gateway, submitted.request.id);
    expect(sent.map(({ template }) => template)).toEqual(
      expect.arrayContaining(["request.acknowledgement", "request.verification-code", "request.completion"]),
    );
    expect(sent.every(({ recipient }) => recipient === owner || (type === "ERASURE" && recipient === "erased"))).toBe(true);
    expect(await gateway.database.prisma.outboxMessage.count({ where: { recipient: ATTACKER } })).toBe(0);
  });

  it.each(["ACCESS", "ERASURE", "RESTRICTION"] as const)(
    "a stranger naming an unknown id or an account without a registered address gets an %s request about their own address only",
    async (type) => {
      const { gateway } = world;
      // An account the storefront knows of (a consent choice) but whose address no account system has registered.
      await gateway.asStaff("mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
        input: { subjectId: `cust-noaddress-${type}`, purpose: "marketing", decision: "GRANTED", channel: "SUPPORT_AGENT" },
      });
      for (const subjectId of [`cust-unknown-${type}`, `cust-noaddress-${type}`]) {
        const contactEmail = `stranger.${subjectId}@evil.test`;
        const response = await gateway.execute(SUBMIT, { input: { type, jurisdiction: "DE", subjectId, contactEmail } });
        const submitted = response.data?.submitRequest as Submitted;
        expect(submitted.concerns).toBe("ADDRESS");
        await gateway.execute(VERIFY, { token: submitted.trackingToken, code: await codeSentTo(gateway, contactEmail) });
        // The systems are asked about the verified address, never about the account the stranger named.
        const pulled = await gateway.execute(PULL, {}, { token: world.ordersKey });
        const tasks = (pulled.data?.pullRequestTasks ?? []) as {
          request: { id: string; subjectId: string | null; contactEmail: string };
        }[];
        const task = tasks.find(({ request }) => request.id === submitted.request.id);
        expect(task?.request).toMatchObject({ subjectId: null, contactEmail });
      }
      await appsAnswer(world);
      const restricted = await gateway.asStaff(
        "{ consentState(subjectId: $id) { restricted } }".replace("$id", `"cust-noaddress-${type}"`),
      );
      expect(restricted.data?.consentState).toEqual({ restricted: false });
    },
  );
});
