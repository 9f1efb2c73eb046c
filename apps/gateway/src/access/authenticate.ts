import type { TenantScopedPrisma } from "@custos/db";
import { decodeJwt } from "jose";
import type { Caller, SignedInPerson } from "../ground/caller.ts";
import { CustosError } from "../ground/errors.ts";
import { shortLivedCache } from "../ground/short-lived.ts";
import { keyMatches, keyPrefixOf, looksLikeApiKey } from "./api-key-format.ts";
import { KIND_SCOPE } from "./api-key-scopes.ts";
import { type SessionIssuerLookup, verifyShopperSession } from "./session-token.ts";
import type { StaffSignIn } from "./staff-sign-in.ts";

/** lastUsedAt is for humans reviewing keys; minute precision saves a write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * A key's row is read once a second, not once a request. A revocation through this process (revokeApiKey) takes
 * effect at once; one made elsewhere (`pnpm keys revoke`, another gateway) within the second. Keyed by the prefix,
 * which is random per key, so rows of different databases in one test process cannot meet.
 */
const KEY_ROW_TTL_MS = 1_000;
type KeyRow = Awaited<ReturnType<TenantScopedPrisma["apiKey"]["findUnique"]>>;
const keyRows = shortLivedCache<string, KeyRow>(KEY_ROW_TTL_MS);

/** Drops the cached row of a key this process just changed. */
export function forgetApiKey(prefix: string): void {
  keyRows.forget(prefix);
}

/**
 * The reads and the write that authenticate a caller, before any tenant is known: built on the unscoped client in
 * cross-tenant/credential-store.ts.
 */
export interface CredentialStore {
  /** The key with this prefix, of whichever tenant. */
  findKey(prefix: string): Promise<KeyRow>;
  markKeyUsed(id: string, at: Date): Promise<void>;
  findSessionIssuer: SessionIssuerLookup;
  /** Keeps the staff register (whom requests can be assigned to) as the person's token describes them. */
  notePersonSeen(tenantId: string, person: SignedInPerson, role: "staff" | "auditor", at: Date): Promise<void>;
}

export interface AuthenticationSettings {
  credentials: CredentialStore;
  keyPepper: string;
  /** Tenant of callers who present no credentials: they see its public catalogue. */
  anonymousTenantId: string;
  /** People signing in through the company's OpenID provider, as staff or auditors of this tenant; unset, keys only. */
  staffSignIn?: { signIn: StaffSignIn; tenantId: string; tenantSlug: string };
}

/**
 * Turns the Authorization header into a Caller. No header means anonymous; a header that is
 * present but wrong never falls back to anonymous, so a broken client fails loudly.
 */
export async function authenticate(settings: AuthenticationSettings, authorization: string | undefined): Promise<Caller> {
  if (authorization === undefined || authorization === "") return { kind: "anonymous", tenantId: settings.anonymousTenantId };
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization);
  if (!match?.[1]) throw new CustosError("UNAUTHENTICATED", "Authorization must be `Bearer <key or session token>`.");
  const credential = match[1];
  if (!looksLikeApiKey(credential)) {
    const staff = settings.staffSignIn;
    if (staff && issuerOf(credential) === staff.signIn.issuer) {
      const { kind, person } = await staff.signIn.verify(credential, staff.tenantSlug);
      await notePerson(settings.credentials, staff.tenantId, person, kind);
      return { kind, tenantId: staff.tenantId, person };
    }
    const session = await verifyShopperSession(settings.credentials.findSessionIssuer, credential);
    return { kind: "shopper", ...session };
  }
  return authenticateKey(settings, credential);
}

/** What this process last wrote to the staff register per person, so the requests of one minute write it once. */
const peopleSeen = new Map<string, { at: number; as: string }>();

async function notePerson(credentials: CredentialStore, tenantId: string, person: SignedInPerson, role: "staff" | "auditor") {
  const key = `${tenantId} ${person.subject}`;
  const as = JSON.stringify([person.name, person.email, role]);
  const now = new Date();
  const seen = peopleSeen.get(key);
  if (seen && seen.as === as && now.getTime() - seen.at < LAST_USED_RESOLUTION_MS) return;
  peopleSeen.set(key, { at: now.getTime(), as });
  await credentials.notePersonSeen(tenantId, person, role, now);
}

/** The unverified `iss` of a JWT, to know whose key must verify it; undefined when it is not one. */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

async function authenticateKey({ credentials, keyPepper }: AuthenticationSettings, token: string): Promise<Caller> {
  const prefix = keyPrefixOf(token);
  if (!prefix) throw new CustosError("UNAUTHENTICATED", "The API key is malformed.");
  // Misses are not kept: a key issued a moment ago by another process works at once.
  const key = await keyRows.get(prefix, () => credentials.findKey(prefix));
  if (!key) forgetApiKey(prefix);
  if (!key || key.revokedAt || !keyMatches(token, key.secretHash, keyPepper) || !key.scopes.includes(KIND_SCOPE[key.kind])) {
    throw new CustosError("UNAUTHENTICATED", "The API key is not valid.");
  }
  const now = new Date();
  if (key.expiresAt && key.expiresAt <= now) throw new CustosError("UNAUTHENTICATED", "The API key has expired.");
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Marked on the shared row first, so the requests of the same minute do not all write it.
    key.lastUsedAt = now;
    await credentials.markKeyUsed(key.id, now);
  }
  const handle = { tenantId: key.tenantId, keyId: key.id, keyPrefix: key.prefix };
  switch (key.kind) {
    case "PUBLISHABLE":
      return { kind: "storefront", ...handle, allowedOrigins: key.allowedOrigins };
    case "SERVICE":
      if (!key.dataSystemId) break;
      return { kind: "service", ...handle, dataSystemId: key.dataSystemId };
    case "PARTNER":
      if (!key.processorId) break;
      return { kind: "partner", ...handle, processorId: key.processorId };
    case "STAFF":
      return { kind: "staff", ...handle };
    case "AUDITOR":
      return { kind: "auditor", ...handle };
  }
  throw new CustosError("UNAUTHENTICATED", "The API key is not valid.");
}
