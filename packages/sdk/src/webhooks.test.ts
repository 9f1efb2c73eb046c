import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TEST_ENGINES } from "@custos/db/testing";
import { dataOf, startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";
import { type ConsentChangedEvent, type CustosWebhookEvent, webhookHandler } from "./webhooks.ts";

const REGISTER = `mutation ($name: String!, $url: String!) {
  registerWebhookEndpoint(name: $name, url: $url) { secret endpoint { id } }
}`;
const DELIVERIES =
  "{ webhookDeliveries(first: 50) { edges { node { id eventId status attempts lastError deliveredAt endpoint { name } } } } }";
const ENDPOINTS = "{ webhookEndpoints { edges { node { name acknowledged unacknowledged } } } }";
const ACKS = `{ auditLog(first: 50, filter: { operation: "webhookAcknowledged" }) { edges { node { actor details } } } }`;

type Delivery = { id: string; eventId: string; status: string; attempts: number; lastError: string | null; deliveredAt: string | null };

/** A port nothing listens on yet: the receiver is down, and comes up on it later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A receiver the SDK gives, in three lines, listening on `port`; what it handled in `received`. */
async function startReceiver(secret: string, port: number) {
  const received: CustosWebhookEvent[] = [];
  const server: Server = createServer(webhookHandler({ secret, onEvent: (event) => void received.push(event) }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe.each(TEST_ENGINES)("recipients told of consent changes and requests on %s", (engine) => {
  let gateway: TestGateway;
  /** The first test's recipient, whose receiver is down once that test ends. */
  const mailer = { id: "", port: 0, secret: "" };
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it("a receiver that is down, then up, gets each change once, verified, and its acknowledgements are recorded", async () => {
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    const port = await freePort();
    const registered = await gateway.asStaff(REGISTER, { name: "Mailer (processor)", url: `http://127.0.0.1:${port}/custos` });
    const { secret, endpoint } = dataOf<{ secret: string; endpoint: { id: string } }>(registered, "registerWebhookEndpoint");
    expect(secret).toMatch(/^whsec_/);
    Object.assign(mailer, { id: endpoint.id, port, secret });

    const grant = await staff.consent.set({ subjectId: "cust-hook", purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
    const withdrawal = await staff.consent.set({ subjectId: "cust-hook", purpose: "marketing", decision: "WITHDRAWN", channel: "API" });

    // Down: nothing answers; both stay queued for a retry, and staff see who has not acknowledged.
    expect(await gateway.deliverWebhooks()).toEqual({ delivered: 0, retrying: 2, failed: 0 });
    const waiting = (await gateway.asStaff(DELIVERIES)).data?.webhookDeliveries as { edges: { node: Delivery }[] };
    // The two deliveries were written together; they (and retries) may go in any order: events carry occurredAt.
    const byEvent = (a: { eventId: string }, b: { eventId: string }) => order.indexOf(a.eventId) - order.indexOf(b.eventId);
    const order = [grant.id, withdrawal.id];
    expect(
      waiting.edges
        .map(({ node }) => node)
        .sort(byEvent)
        .map((node) => [node.eventId, node.status, node.attempts, node.deliveredAt]),
    ).toEqual([
      [grant.id, "PENDING", 1, null],
      [withdrawal.id, "PENDING", 1, null],
    ]);
    expect((await gateway.asStaff(ENDPOINTS)).data?.webhookEndpoints).toEqual({
      edges: [{ node: { name: "Mailer (processor)", acknowledged: 0, unacknowledged: 2 } }],
    });

    // Up: the receiver the SDK gives, in three lines.
    const received: ConsentChangedEvent[] = [];
    const handler = webhookHandler({ secret, onEvent: (event) => void (event.type === "consent.changed" && received.push(event)) });
    const receiver: Server = createServer(handler);
    await new Promise<void>((resolve) => receiver.listen(port, "127.0.0.1", resolve));
    try {
      expect(await gateway.deliverWebhooks()).toEqual({ delivered: 2, retrying: 0, failed: 0 });
      const inOrder = received.map((event) => event.data).sort(byEvent);
      expect(received.map((event) => event.type)).toEqual(["consent.changed", "consent.changed"]);
      expect(inOrder.map((event) => [event.eventId, event.subjectId, event.target, event.decision])).toEqual([
        [grant.id, "cust-hook", "marketing", "GRANTED"],
        [withdrawal.id, "cust-hook", "marketing", "WITHDRAWN"],
      ]);
      expect(await gateway.deliverWebhooks()).toEqual({ delivered: 0, retrying: 0, failed: 0 });

      // The gateway died after sending and before recording: the same delivery goes again, with the same webhook-id.
      const [first] = waiting.edges.map(({ node }) => node.id);
      await gateway.database.prisma.webhookDelivery.update({ where: { id: first }, data: { status: "PENDING" } });
      expect(await gateway.deliverWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(received).toHaveLength(2);

      // Anyone else posting to the receiver is refused: no secret, no event.
      const forged = await fetch(`http://127.0.0.1:${port}/custos`, {
        method: "POST",
        headers: { "webhook-id": "msg_x", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,AAAA" },
        body: JSON.stringify({ type: "consent.changed", data: {} }),
      });
      expect(forged.status).toBe(401);
      expect(received).toHaveLength(2);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }

    const told = (await gateway.asStaff(DELIVERIES)).data?.webhookDeliveries as { edges: { node: Delivery }[] };
    expect(told.edges.map(({ node }) => [node.status, node.lastError, node.deliveredAt !== null])).toEqual([
      ["DELIVERED", null, true],
      ["DELIVERED", null, true],
    ]);
    const acks = (await gateway.asStaff(ACKS)).data?.auditLog as { edges: { node: { details: { deliveryId: string } } }[] };
    expect(new Set(acks.edges.map(({ node }) => node.details.deliveryId))).toEqual(new Set(told.edges.map(({ node }) => node.id)));
    expect((await gateway.asStaff(ENDPOINTS)).data?.webhookEndpoints).toEqual({
      edges: [{ node: { name: "Mailer (processor)", acknowledged: 2, unacknowledged: 0 } }],
    });
    const refused = await gateway.asStaff(REGISTER, { name: "Elsewhere", url: "http://example.com/hook" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_WEBHOOK_ENDPOINT");
  });

  it("erasure, rectification and restriction reach each recipient once, naming the person only until acknowledged", async () => {
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    const { prisma } = gateway.database;
    // A second recipient, up from the start; the first (the mailer) is down since the test before.
    const adsPort = await freePort();
    const ads = await staff.webhooks.register("Ad platform (processor)", `http://127.0.0.1:${adsPort}/hooks`);
    const adsReceiver = await startReceiver(ads.secret, adsPort);
    try {
      // A customer's rectification, restriction and erasure, and an erasure from a visitor without an account.
      const customer = "cust-told";
      await staff.subjects.registerContact({ subjectId: customer, email: "told@example.com", language: "en" });
      const shopper = createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession(customer) });
      const submit = async (type: "RECTIFICATION" | "RESTRICTION" | "ERASURE") =>
        (
          await shopper.requests.submit({
            type,
            jurisdiction: "DE",
            subjectId: customer,
            details: type === "RECTIFICATION" ? "my city is Kazan" : null,
          })
        ).request.id;
      const rectificationId = await submit("RECTIFICATION");
      const restrictionId = await submit("RESTRICTION");
      const erasureId = await submit("ERASURE");
      const visitor = createClient({ url: gateway.graphqlUrl });
      const visitorEmail = "Visitor.Told@example.com";
      const submitted = await visitor.requests.submit({ type: "ERASURE", jurisdiction: "DE", contactEmail: visitorEmail });
      await gateway.deliverMail();
      const codeMail = gateway.mail.sent.find(
        (mail) => mail.recipient.toLowerCase() === visitorEmail.toLowerCase() && mail.template === "request.verification-code",
      );
      const code = (codeMail?.payload as { code?: string } | undefined)?.code;
      if (!code) throw new Error("no verification code was e-mailed to the visitor");
      await visitor.requests.verify(submitted.trackingToken, String(code));
      const requestIds = [rectificationId, restrictionId, erasureId, submitted.request.id];
      // No data system is registered: staff confirm each, and that is when each takes effect.
      for (const id of requestIds) {
        expect((await staff.requests.transition(id, "COMPLETED", "no data system holds this person's data")).status).toBe("COMPLETED");
      }
      // The erasure replaced the app's id in Custos; the deliveries kept it, to tell the recipients whom to erase.
      const { subject } = await prisma.privacyRequest.findUniqueOrThrow({ where: { id: erasureId }, select: { subject: true } });
      expect(subject?.externalId).toBe(`erased:${subject?.id}`);
      expect(JSON.stringify(await prisma.webhookDelivery.findMany({ where: { eventId: erasureId } }))).toContain(customer);

      // The ad platform acknowledges each at once; the mailer is down, so its four wait for a retry.
      expect(await gateway.deliverWebhooks()).toEqual({ delivered: 4, retrying: 4, failed: 0 });
      expect(await gateway.deliverWebhooks()).toEqual({ delivered: 0, retrying: 4, failed: 0 });
      const told = (event: CustosWebhookEvent) =>
        event.type === "consent.changed" ? [event.type] : [event.type, event.data.requestId, event.data.subjectId, event.data.email];
      const byRequest = (a: unknown[], b: unknown[]) => requestIds.indexOf(String(a[1])) - requestIds.indexOf(String(b[1]));
      expect(adsReceiver.received.map(told).sort(byRequest)).toEqual([
        ["request.rectification", rectificationId, customer, null],
        ["request.restriction", restrictionId, customer, null],
        ["request.erasure", erasureId, customer, null],
        ["request.erasure", submitted.request.id, null, visitorEmail.toLowerCase()],
      ]);
      // Acknowledged: the person's id is no longer kept with the delivery, and the acknowledgement is in the audit log.
      const acknowledged = await prisma.webhookDelivery.findMany({ where: { endpointId: ads.endpoint.id } });
      expect(acknowledged.map((row) => [row.status, row.payload])).toEqual(Array(4).fill(["DELIVERED", null]));
      const acks = (await staff.audit.list({ operation: "webhookAcknowledged" })).edges.map(({ node }) => node.details);
      expect(acks.filter((details) => String((details as { type: string }).type).startsWith("request."))).toHaveLength(4);
      // The mailer's, not acknowledged, still name the person: they are still to be sent.
      const waiting = await prisma.webhookDelivery.findMany({ where: { type: { startsWith: "request." }, status: { not: "DELIVERED" } } });
      expect(waiting.map((row) => JSON.stringify(row.payload).includes(customer) || row.eventId === submitted.request.id)).toEqual(
        Array(4).fill(true),
      );

      // Out of attempts: the mailer's four are dead-lettered, still holding what it must be told.
      expect(await gateway.deliverWebhooks({ maxAttempts: 3 })).toEqual({ delivered: 0, retrying: 0, failed: 4 });
      const deadLetters = (await staff.webhooks.deliveries({ status: "FAILED" })).edges.map(({ node }) => node);
      expect(deadLetters.map((node) => [node.endpoint.name, node.attempts, node.type.startsWith("request.")])).toEqual(
        Array(4).fill(["Mailer (processor)", 3, true]),
      );
      expect(
        (await staff.webhooks.endpoints()).map(({ name, acknowledged, unacknowledged }) => [name, acknowledged, unacknowledged]),
      ).toEqual([
        ["Mailer (processor)", 2, 4],
        ["Ad platform (processor)", 4, 0],
      ]);

      // Staff retry the erasure's once the mailer is up again: told once, same webhook-id; only staff may.
      const erasure = deadLetters.find((node) => node.eventId === erasureId);
      if (!erasure) throw new Error("no dead-lettered erasure for the mailer");
      const auditor = createClient({ url: gateway.graphqlUrl, token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) });
      expect((await failureOf(auditor.webhooks.retry(erasure.id))).code).toBe("FORBIDDEN");
      expect(await staff.webhooks.retry(erasure.id)).toMatchObject({ id: erasure.id, status: "PENDING", attempts: 0 });
      expect((await failureOf(staff.webhooks.retry(erasure.id))).code).toBe("WEBHOOK_DELIVERY_NOT_FAILED");
      expect((await failureOf(staff.webhooks.retry("not-an-id"))).code).toBe("WEBHOOK_DELIVERY_NOT_FAILED");
      const mailerReceiver = await startReceiver(mailer.secret, mailer.port);
      try {
        expect(await gateway.deliverWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
        expect(mailerReceiver.received.map(told)).toEqual([["request.erasure", erasureId, customer, null]]);

        // Disabled: nothing new is fanned out to it, and its dead letters lose what they held and cannot be retried.
        expect((await failureOf(auditor.webhooks.disable(mailer.id))).code).toBe("FORBIDDEN");
        expect((await staff.webhooks.disable(mailer.id)).disabledAt).not.toBeNull();
        expect((await failureOf(staff.webhooks.disable(mailer.id))).code).toBe("WEBHOOK_ENDPOINT_DISABLED");
        expect((await failureOf(staff.webhooks.disable(randomUUID()))).code).toBe("NOT_FOUND");
        const left = await prisma.webhookDelivery.findMany({ where: { endpointId: mailer.id, status: "FAILED" } });
        expect(left.map((row) => [row.lastError, row.payload])).toEqual(Array(3).fill(["endpoint disabled", null]));
        expect((await failureOf(staff.webhooks.retry(left[0]?.id ?? ""))).code).toBe("WEBHOOK_DELIVERY_NOT_FAILED");
        await staff.consent.set({ subjectId: "cust-later", purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
        expect(await gateway.deliverWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
        expect(mailerReceiver.received).toHaveLength(1);
        expect(adsReceiver.received.map((event) => event.type).at(-1)).toBe("consent.changed");
      } finally {
        await mailerReceiver.close();
      }
      // Each staff act audited once; the refused ones wrote nothing.
      for (const operation of ["retryWebhookDelivery", "disableWebhookEndpoint"]) {
        expect((await staff.audit.list({ operation })).edges).toHaveLength(1);
      }
    } finally {
      await adsReceiver.close();
    }
  });
});
