import { randomUUID } from "node:crypto";
import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
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
