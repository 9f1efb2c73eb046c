// `@custos/sdk/webhooks`: receive the gateway's webhooks (Standard Webhooks: webhook-id, webhook-timestamp,
// webhook-signature) with the signature checked and each `webhook-id` handled once, even when the gateway retries:
//
//   import { webhookHandler } from "@custos/sdk/webhooks";
//   const handler = webhookHandler({ secret: process.env.CUSTOS_WEBHOOK_SECRET, onEvent: (event) => apply(event) });
//   createServer(handler).listen(8080);
//
// A 2xx answer is the acknowledgement the gateway records; a throw from `onEvent` answers 500, so the event comes again.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";

/** A consent change as the gateway tells it: the app's id for the person and the purpose's (or `cookies:<category>`) key. */
export interface ConsentChangedEvent {
  type: "consent.changed";
  timestamp: string;
  data: {
    eventId: string;
    subjectId: string;
    target: string;
    decision: "GRANTED" | "WITHDRAWN";
    channel: string;
    occurredAt: string;
    expiresAt: string | null;
  };
}

/**
 * An erasure, rectification or restriction that took effect (GDPR Art. 19, 152-FZ Art. 21): do the same in your system.
 * The person is named by the app's id (`subjectId`), or, for a request made without an account, by the address the
 * request's code proved (`email`); the other is null. A rectification carries no corrected values: read the corrected
 * record from the system that holds it.
 */
export interface RequestCompletedEvent {
  type: "request.erasure" | "request.rectification" | "request.restriction";
  timestamp: string;
  data: {
    requestId: string;
    subjectId: string | null;
    email: string | null;
    completedAt: string;
  };
}

/**
 * A restriction lifted by staff (liftProcessingRestriction): the person's data may be processed again. `requestId` is
 * the restriction request it ends (as told in `request.restriction`); a restriction always concerns an account, so
 * `email` is null.
 */
export interface RestrictionLiftedEvent {
  type: "request.restriction_lifted";
  timestamp: string;
  data: {
    requestId: string | null;
    subjectId: string;
    email: null;
    liftedAt: string;
  };
}

/** Everything the gateway tells a recipient; branch on `type`. */
export type CustosWebhookEvent = ConsentChangedEvent | RequestCompletedEvent | RestrictionLiftedEvent;

/** Remembers the `webhook-id`s handled; keep it in your database to stay exactly-once across restarts. */
export interface HandledIds {
  has(id: string): boolean | Promise<boolean>;
  add(id: string): unknown;
}

export interface WebhookHandlerOptions {
  /** The `whsec_…` secret `registerWebhookEndpoint` returned. */
  secret: string;
  onEvent(event: CustosWebhookEvent, webhookId: string): unknown;
  /** In memory by default. */
  handled?: HandledIds;
  /** Largest body read (default 64 KiB). */
  maxBytes?: number;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A Node HTTP handler (node:http, Express, Fastify's raw request) that verifies, dedupes and acknowledges. */
export function webhookHandler(options: WebhookHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const webhook = new Webhook(options.secret);
  const handled = options.handled ?? new Set<string>();
  const answer = (res: ServerResponse, status: number) => {
    res.statusCode = status;
    res.end();
  };
  return async (req, res) => {
    if (req.method !== "POST") return answer(res, 405);
    const body = await readBody(req, options.maxBytes ?? 65_536);
    if (body === null) return answer(res, 413);
    const headers = {
      "webhook-id": String(req.headers["webhook-id"] ?? ""),
      "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
      "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
    };
    let event: CustosWebhookEvent;
    try {
      event = webhook.verify(body, headers) as CustosWebhookEvent;
    } catch {
      return answer(res, 401);
    }
    const id = headers["webhook-id"];
    if (await handled.has(id)) return answer(res, 204);
    try {
      await options.onEvent(event, id);
    } catch {
      return answer(res, 500);
    }
    await handled.add(id);
    answer(res, 204);
  };
}
