import { randomUUID } from "node:crypto";
import { Prisma, type TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
import { isUuid } from "../ground/identifiers/uuid.ts";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secrets.ts";

type Caller = Pick<Context, "caller" | "tenantId" | "requestId" | "keyPepper">;

/** Only HTTPS leaves the machine; plain HTTP is for a receiver on this host (development, tests). */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CustosError("INVALID_WEBHOOK_ENDPOINT", "The endpoint's URL is not a URL.");
  }
  const local = parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1" || parsed.hostname === "[::1]";
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && local)) {
    throw new CustosError("INVALID_WEBHOOK_ENDPOINT", "The endpoint's URL must be https:// (http:// only on this host).");
  }
  if (url.length > 2000 || parsed.username || parsed.password) {
    throw new CustosError("INVALID_WEBHOOK_ENDPOINT", "The endpoint's URL is too long or carries credentials.");
  }
  return parsed.toString();
}

/** Registers an endpoint and returns it with its signing secret, shown this once. */
export async function registerWebhookEndpoint(db: TenantScopedPrisma, ctx: Caller, input: { name: string; url: string }) {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new CustosError("INVALID_WEBHOOK_ENDPOINT", "A name of 1 to 200 characters.");
  const url = checkedUrl(input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { id, tenantId: ctx.tenantId, name, url, sealedSecret: sealWebhookSecret(ctx.keyPepper, id, secret) },
    });
    // Told from the next consent change on: the fan-out starts at the ledger's head, not at its first event.
    const head = await tx.consentChainHead.findUnique({ where: { tenantId: ctx.tenantId }, select: { sequence: true } });
    await tx.webhookFanOut.upsert({
      where: { tenantId: ctx.tenantId },
      create: { tenantId: ctx.tenantId, consentSequence: head?.sequence ?? 0 },
      update: {},
    });
    await recordAudit(tx, ctx, { operation: "registerWebhookEndpoint" });
    return { endpoint, secret };
  });
}

/**
 * Puts a dead-lettered delivery back in the queue with a fresh count of attempts, e.g. once the recipient is up again;
 * its webhook-id stays the same, so a receiver that already handled it acknowledges without acting twice.
 */
export async function retryWebhookDelivery(db: TenantScopedPrisma, ctx: Caller, id: string) {
  return db.$transaction(async (tx) => {
    const [retried] = isUuid(id)
      ? await tx.webhookDelivery.updateManyAndReturn({
          where: { id, status: "FAILED", endpoint: { disabledAt: null } },
          data: { status: "PENDING", attempts: 0 },
          select: { id: true },
        })
      : [];
    if (!retried) {
      throw new CustosError("WEBHOOK_DELIVERY_NOT_FAILED", "No delivery with that id is on the dead-letter list of an active endpoint.");
    }
    await recordAudit(tx, ctx, { operation: "retryWebhookDelivery" });
    return retried;
  });
}

/**
 * Stops an endpoint: no new deliveries, and those it has not acknowledged leave the queue as FAILED ("endpoint
 * disabled") with their payloads blanked, since nothing will send them. Who was not told stays visible to staff.
 */
export async function disableWebhookEndpoint(db: TenantScopedPrisma, ctx: Caller, id: string) {
  return db.$transaction(async (tx) => {
    const [disabled] = isUuid(id)
      ? await tx.webhookEndpoint.updateManyAndReturn({
          where: { id, disabledAt: null },
          data: { disabledAt: new Date() },
          select: { id: true },
        })
      : [];
    if (!disabled) {
      const exists = isUuid(id) && (await tx.webhookEndpoint.count({ where: { id } })) > 0;
      if (exists) throw new CustosError("WEBHOOK_ENDPOINT_DISABLED", "This endpoint is already disabled.");
      throw new CustosError("NOT_FOUND", "There is no webhook endpoint with that id.");
    }
    await tx.webhookDelivery.updateMany({
      where: { endpointId: id, status: { not: "DELIVERED" } },
      data: { status: "FAILED", lastError: "endpoint disabled", payload: Prisma.DbNull },
    });
    await recordAudit(tx, ctx, { operation: "disableWebhookEndpoint" });
    return disabled;
  });
}
