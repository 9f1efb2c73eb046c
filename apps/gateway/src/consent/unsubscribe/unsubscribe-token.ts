/**
 * Unsubscribe links (P7: consent can be withdrawn by unsubscribing, without signing in). A token names tenant, subject
 * (the internal row id, which survives erasure and is not the app's own id) and purpose, encrypted and authenticated
 * (AES-256-GCM under a key derived from the gateway's secret), so the link shows no ids, and expires
 * UNSUBSCRIBE_TOKEN_LIFETIME_MS after it was made: an e-mail can be months old when its link is used, and the only
 * thing a token can do is withdraw consent, which is always allowed.
 *
 * Format: `v2.<base64url of 12-byte IV, ciphertext of JSON {t, s, p, e (expiry, epoch seconds)}, 16-byte tag>`.
 * Tokens of the first format (`v1.<readable JSON>.<HMAC>`, no expiry) are in e-mails already sent; they keep
 * working until V1_TOKENS_ACCEPTED_UNTIL, a year after v2 shipped, so nobody loses a working unsubscribe link at once.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { CustosError } from "../../ground/errors.ts";

export interface UnsubscribeClaims {
  tenantId: string;
  subjectId: string;
  purposeKey: string;
}

/** How long an unsubscribe link works after it was made (README: 400 days, above a year of archived newsletters). */
export const UNSUBSCRIBE_TOKEN_LIFETIME_MS = 400 * 86_400_000;
/** The last moment a first-format token (readable ids, no expiry) is accepted. */
export const V1_TOKENS_ACCEPTED_UNTIL = new Date("2027-12-31T23:59:59Z");

const VERSION = "v2";
const LEGACY = "v1";

function encryptionKey(keyPepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyPepper, "", "custos unsubscribe link v2", 32));
}

function legacyKey(keyPepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyPepper, "", "custos unsubscribe link v1", 32));
}

export function signUnsubscribeToken(claims: UnsubscribeClaims, keyPepper: string, now = new Date()): string {
  const expires = Math.floor((now.getTime() + UNSUBSCRIBE_TOKEN_LIFETIME_MS) / 1000);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(keyPepper), iv).setAAD(Buffer.from(VERSION));
  const plain = JSON.stringify({ t: claims.tenantId, s: claims.subjectId, p: claims.purposeKey, e: expires });
  const sealed = Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${sealed.toString("base64url")}`;
}

const invalid = () =>
  new CustosError("INVALID_UNSUBSCRIBE_TOKEN", "This unsubscribe link is not valid; use the link from the e-mail as it is.");
const expired = () =>
  new CustosError(
    "INVALID_UNSUBSCRIBE_TOKEN",
    "This unsubscribe link has expired; use the link in a recent e-mail, or change your choices in your account.",
  );

function claimsOf(value: { t?: unknown; s?: unknown; p?: unknown }): UnsubscribeClaims {
  if (typeof value.t !== "string" || typeof value.s !== "string" || typeof value.p !== "string") throw invalid();
  return { tenantId: value.t, subjectId: value.s, purposeKey: value.p };
}

export function verifyUnsubscribeToken(token: string, keyPepper: string, now = new Date()): UnsubscribeClaims {
  const [version, ...parts] = token.split(".");
  if (version === LEGACY) {
    const claims = verifyLegacy(parts, keyPepper);
    if (now > V1_TOKENS_ACCEPTED_UNTIL) throw expired();
    return claims;
  }
  const sealed = Buffer.from(parts[0] ?? "", "base64url");
  if (version !== VERSION || parts.length !== 1 || sealed.length < 12 + 16 + 2) throw invalid();
  let plain: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(keyPepper), sealed.subarray(0, 12)).setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw invalid();
  }
  const value = JSON.parse(plain) as { t?: unknown; s?: unknown; p?: unknown; e?: unknown };
  if (typeof value.e !== "number") throw invalid();
  if (now.getTime() > value.e * 1000) throw expired();
  return claimsOf(value);
}

/** A first-format token: `v1.<base64url JSON {t, s, p}>.<base64url HMAC-SHA256 of "v1." + payload>`. */
function verifyLegacy([payload, mac, ...rest]: string[], keyPepper: string): UnsubscribeClaims {
  if (!payload || !mac || rest.length > 0) throw invalid();
  const expected = createHmac("sha256", legacyKey(keyPepper)).update(`${LEGACY}.${payload}`).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    return claimsOf(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t?: unknown; s?: unknown; p?: unknown });
  } catch (error) {
    if (error instanceof CustosError) throw error;
    throw invalid();
  }
}
