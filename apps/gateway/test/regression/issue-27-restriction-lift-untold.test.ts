// Issue 27: a completed restriction was told to every recipient (`request.restriction`), but staff lifting it
// (liftProcessingRestriction) told no one, so the recipients kept the person's data restricted for good. Through the
// public HTTP path, with a real HTTP receiver verifying the Standard Webhooks signature.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { TEST_ENGINES } from "@custos/db/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const REGISTER_ENDPOINT = `mutation ($url: String!) {
  registerWebhookEndpoint(name: "Ad platform", url: $url) { secret endpoint { id } }
}`;
const REGISTER_CONTACT = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId } }";
const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const TRANSITION = "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status } }";
const LIFT = "mutation ($subjectId: String!) { liftProcessingRestriction(subjectId: $subjectId) { subjectId restrictedAt } }";

interface Told {
  type: string;
  data: { requestId: string | null; subjectId: string | null; email: string | null; liftedAt?: string };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A recipient's endpoint: each POST whose signature checks out is kept, and acknowledged. */
async function startReceiver() {
  const received: Told[] = [];
  let webhook: Webhook | undefined;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      received.push(webhook?.verify(body, req.headers as Record<string, string>) as Told);
      res.statusCode = 204;
    } catch {
      res.statusCode = 401;
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/custos`,
    received,
    trust: (secret: string) => {
      webhook = new Webhook(secret);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe.each(TEST_ENGINES)("a lifted restriction on %s", (engine) => {
  let gateway: TestGateway;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await gateway[Symbol.asyncDispose]();
  });

  it("is told to every recipient that was told of the restriction, once", async () => {
    const registered = await gateway.asStaff(REGISTER_ENDPOINT, { url: receiver.url });
    receiver.trust(dataOf<{ secret: string }>(registered, "registerWebhookEndpoint").secret);
    const customer = "cust-restricted";
    dataOf(
      await gateway.asStaff(REGISTER_CONTACT, { input: { subjectId: customer, email: "r@example.com", language: "en" } }),
      "registerSubjectContact",
    );
    const session = { token: await gateway.shopperSession(customer) };
    const submitted = await gateway.execute(SUBMIT, { input: { type: "RESTRICTION", jurisdiction: "DE", subjectId: customer } }, session);
    const requestId = dataOf<{ request: { id: string } }>(submitted, "submitRequest").request.id;
    const completed = await gateway.asStaff(TRANSITION, {
      input: { id: requestId, to: "COMPLETED", reason: "no data system holds this person's data" },
    });
    expect(dataOf(completed, "transitionRequest")).toEqual({ status: "COMPLETED" });
    expect(await gateway.deliverWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });

    const lifted = await gateway.asStaff(LIFT, { subjectId: customer });
    expect(dataOf(lifted, "liftProcessingRestriction")).toEqual({ subjectId: customer, restrictedAt: null });
    expect(await gateway.deliverWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received.map(({ type, data }) => [type, data.requestId, data.subjectId, data.email])).toEqual([
      ["request.restriction", requestId, customer, null],
      ["request.restriction_lifted", requestId, customer, null],
    ]);
    expect(Date.parse(String(receiver.received[1]?.data.liftedAt))).not.toBeNaN();

    // Lifting again changes nothing, and tells no one again.
    dataOf(await gateway.asStaff(LIFT, { subjectId: customer }), "liftProcessingRestriction");
    expect(await gateway.deliverWebhooks()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(2);
  });
});
