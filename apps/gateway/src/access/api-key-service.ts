import type { ApiKeyKind, TenantScopedPrisma } from "@custos/db";
import { CustosError } from "../ground/errors.ts";
import { hashKey, issueKey } from "./api-key-format.ts";
import { KIND_SCOPE } from "./api-key-scopes.ts";
import { forgetApiKey } from "./authenticate.ts";

export interface NewApiKey {
  kind: ApiKeyKind;
  name: string;
  /** Key of the registered data system a SERVICE key acts for. */
  dataSystemKey?: string | null;
  /** Name of the processor a PARTNER key belongs to. */
  processorName?: string | null;
  expiresAt?: Date | null;
  /** Storefront origins (scheme, host and port) a PUBLISHABLE key may be used from. */
  allowedOrigins?: readonly string[] | null;
}

function invalid(message: string): CustosError {
  return new CustosError("INVALID_API_KEY_REQUEST", message);
}

export function parseOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`"${raw}" is not an origin such as https://shop.example.com.`);
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.origin !== raw || !(url.protocol === "https:" || (url.protocol === "http:" && local))) {
    throw invalid(`"${raw}" must be an https origin (scheme and host, no path), or http on localhost.`);
  }
  return url.origin;
}

async function bindings(db: TenantScopedPrisma, input: NewApiKey) {
  const dataSystemId =
    input.kind === "SERVICE" ? (await db.dataSystem.findFirst({ where: { key: input.dataSystemKey ?? "" } }))?.id : undefined;
  if (input.kind === "SERVICE" && !dataSystemId) throw invalid("A SERVICE key needs the key of a registered data system.");
  const processorId =
    input.kind === "PARTNER" ? (await db.processor.findFirst({ where: { name: input.processorName ?? "" } }))?.id : undefined;
  if (input.kind === "PARTNER" && !processorId) throw invalid("A PARTNER key needs the name of a registered processor.");
  const allowedOrigins = (input.allowedOrigins ?? []).map(parseOrigin);
  if (input.kind === "PUBLISHABLE" && allowedOrigins.length === 0) {
    throw invalid("A PUBLISHABLE key is used from browsers, so it needs at least one allowed origin.");
  }
  if (input.kind !== "PUBLISHABLE" && allowedOrigins.length > 0) throw invalid("Only PUBLISHABLE keys are used from browsers.");
  return { dataSystemId, processorId, allowedOrigins };
}

/** Creates a key and returns it with its token; the token is not stored and cannot be shown again. */
export async function createApiKey(db: TenantScopedPrisma, tenantId: string, pepper: string, input: NewApiKey) {
  const name = input.name.trim();
  if (name === "" || name.length > 100) throw invalid("A key needs a name of 1-100 characters.");
  if (input.expiresAt && input.expiresAt <= new Date()) throw invalid("expiresAt must be in the future.");
  const { token, prefix } = issueKey(input.kind);
  const key = await db.apiKey.create({
    data: {
      tenantId,
      kind: input.kind,
      name,
      prefix,
      secretHash: hashKey(token, pepper),
      scopes: [KIND_SCOPE[input.kind]],
      expiresAt: input.expiresAt ?? null,
      ...(await bindings(db, input)),
    },
  });
  return { key, token };
}

export async function revokeApiKey(db: TenantScopedPrisma, prefix: string) {
  const key = await db.apiKey.findFirst({ where: { prefix } });
  if (!key) throw new CustosError("NOT_FOUND", `No key with prefix "${prefix}".`);
  if (key.revokedAt) return key;
  const revoked = await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  forgetApiKey(prefix);
  return revoked;
}
