import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TEST_ENGINES } from "@custos/db/testing";
import { dataOf, startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { type ConsentChangedEvent, webhookHandler } from "./webhooks.ts";

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

describe.each(TEST_ENGINES)("recipients told of consent changes on %s", (engine) => {
  it("a receiver that is down, then up, gets each change once, verified, and its acknowledgements are recorded", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    const port = await freePort();
    const registered = await gateway.asStaff(REGISTER, { name: "Mailer (processor)", url: `http://127.0.0.1:${port}/custos` });
    const { secret } = dataOf<{ secret: string }>(registered, "registerWebhookEndpoint");
    expect(secret).toMatch(/^whsec_/);

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
    const handler = webhookHandler({ secret, onEvent: (event) => void received.push(event) });
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
});
