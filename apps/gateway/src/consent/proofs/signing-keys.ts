/**
 * Each tenant's Ed25519 signing key: it signs consent receipts (a detached JWS over the receipt's RFC 8785 JSON) and
 * the public log's checkpoints. JWS through `jose`, already the gateway's library for shopper sessions: maintained,
 * dependency-free, RFC 7515/8037, and what a receiver's own stack most likely has. A W3C Data Integrity proof would
 * need RDF canonicalization (a JSON-LD processor on the signing and the verifying side) for the same guarantee.
 *
 * The private key is stored sealed: AES-256-GCM under a key derived (HKDF) from CUSTOS_KEY_PEPPER, with the key's id
 * and tenant as associated data, so a copy of the database alone cannot sign and a sealed key cannot be moved to
 * another row. Changing the pepper therefore retires the keys: rotate after changing it.
 *
 * Rotation: `rotateSigningKey` closes the current key's validity (`validUntil`) and makes a new one. Old keys stay
 * published with their validity, so receipts and checkpoints they signed still verify.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import type { TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { lockConsentLog } from "./consent-log-lock.ts";

const SEAL_VERSION = "v1";

function sealingKey(keyPepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyPepper, "", "custos signing key v1", 32));
}

function associatedData(tenantId: string, keyId: string): Buffer {
  return Buffer.from(`${SEAL_VERSION} ${tenantId} ${keyId}`);
}

export function sealPrivateKey(keyPepper: string, tenantId: string, keyId: string, pkcs8: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(keyPepper), iv).setAAD(associatedData(tenantId, keyId));
  const sealed = Buffer.concat([iv, cipher.update(pkcs8), cipher.final(), cipher.getAuthTag()]);
  return `${SEAL_VERSION}.${sealed.toString("base64url")}`;
}

export function unsealPrivateKey(keyPepper: string, tenantId: string, keyId: string, sealed: string): KeyObject {
  const [version, body = ""] = sealed.split(".");
  if (version !== SEAL_VERSION) throw new Error(`signing key ${keyId}: unknown seal ${version}`);
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(keyPepper), bytes.subarray(0, 12)).setAAD(associatedData(tenantId, keyId));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const pkcs8 = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}

export interface ActiveSigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** Unsealed keys by id: a key row never changes, so a key once unsealed stays valid for this process. */
const unsealed = new Map<string, KeyObject>();

async function createKey(tx: TenantTransaction, tenantId: string, keyPepper: string, now: Date) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const keyId = crypto.randomUUID();
  const sealedPrivateKey = sealPrivateKey(keyPepper, tenantId, keyId, privateKey.export({ format: "der", type: "pkcs8" }));
  const { kty, crv, x } = publicKey.export({ format: "jwk" });
  await tx.signingKey.create({ data: { id: keyId, tenantId, publicJwk: { kty, crv, x }, sealedPrivateKey, validFrom: now } });
  unsealed.set(keyId, privateKey);
  return { keyId, privateKey };
}

type KeyReader = Pick<TenantTransaction, "signingKey">;

async function readCurrentKey(db: KeyReader, tenantId: string, keyPepper: string): Promise<ActiveSigningKey | null> {
  const row = await db.signingKey.findFirst({ where: { validUntil: null }, orderBy: { validFrom: "desc" } });
  if (!row) return null;
  let privateKey = unsealed.get(row.id);
  if (!privateKey) {
    privateKey = unsealPrivateKey(keyPepper, tenantId, row.id, row.sealedPrivateKey);
    unsealed.set(row.id, privateKey);
  }
  return { keyId: row.id, privateKey };
}

/** The tenant's current key, made on first use; call inside a transaction holding the consent log's lock. */
export async function currentSigningKey(tx: TenantTransaction, tenantId: string, keyPepper: string): Promise<ActiveSigningKey> {
  return (await readCurrentKey(tx, tenantId, keyPepper)) ?? createKey(tx, tenantId, keyPepper, new Date());
}

/** The tenant's current key without taking the log's lock, unless there is none yet and it must be made. */
export async function signingKey(db: TenantScopedPrisma, tenantId: string, keyPepper: string): Promise<ActiveSigningKey> {
  return (
    (await readCurrentKey(db, tenantId, keyPepper)) ??
    db.$transaction(async (tx) => {
      await lockConsentLog(tx, tenantId);
      return currentSigningKey(tx, tenantId, keyPepper);
    })
  );
}

/** Ends the current key's validity now and makes the next one; both stay published. */
export async function rotateSigningKey(db: TenantScopedPrisma, tenantId: string, keyPepper: string): Promise<string> {
  return db.$transaction(async (tx) => {
    await lockConsentLog(tx, tenantId);
    const now = new Date();
    await tx.signingKey.updateMany({ where: { validUntil: null }, data: { validUntil: now } });
    return (await createKey(tx, tenantId, keyPepper, now)).keyId;
  });
}

export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
  /** When the key started signing (ISO 8601). */
  validFrom: string;
  /** When it stopped; null while it is the current key. */
  validUntil: string | null;
}

/** Every key the tenant ever signed with, as a JWK Set with each key's validity: what a verifier needs. */
export async function publishedKeys(db: Pick<TenantScopedPrisma, "signingKey">): Promise<{ keys: PublishedKey[] }> {
  const rows = await db.signingKey.findMany({ orderBy: { validFrom: "asc" } });
  return {
    keys: rows.map((row) => {
      const jwk = row.publicJwk as { kty: string; crv: string; x: string };
      return {
        kty: jwk.kty,
        crv: jwk.crv,
        x: jwk.x,
        kid: row.id,
        alg: "EdDSA",
        use: "sig",
        validFrom: row.validFrom.toISOString(),
        validUntil: row.validUntil?.toISOString() ?? null,
      };
    }),
  };
}
