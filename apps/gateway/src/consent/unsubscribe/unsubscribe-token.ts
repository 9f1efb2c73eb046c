/**
 * Unsubscribe links (P7: consent can be withdrawn by unsubscribing, without signing in). A token names tenant, subject
 * (the internal row id, which survives erasure and is not the app's own id) and purpose, and is signed with HMAC-SHA256
 * under a key derived from the gateway's secret. Tokens do not expire: an e-mail can be years old when its link is
 * used, and the only thing a token can do is withdraw consent, which is always allowed.
 *
 * Format: `v1.<base64url JSON {t, s, p}>.<base64url HMAC of "v1." + payload>`.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { CustosError } from "../../ground/errors.ts";

export interface UnsubscribeClaims {
  tenantId: string;
  subjectId: string;
  purposeKey: string;
}

const VERSION = "v1";

function tokenKey(keyPepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyPepper, "", "custos unsubscribe link v1", 32));
}

function signature(payload: string, keyPepper: string): Buffer {
  return createHmac("sha256", tokenKey(keyPepper)).update(`${VERSION}.${payload}`).digest();
}

export function signUnsubscribeToken(claims: UnsubscribeClaims, keyPepper: string): string {
  const payload = Buffer.from(JSON.stringify({ t: claims.tenantId, s: claims.subjectId, p: claims.purposeKey })).toString("base64url");
  return `${VERSION}.${payload}.${signature(payload, keyPepper).toString("base64url")}`;
}

const invalid = () =>
  new CustosError("INVALID_UNSUBSCRIBE_TOKEN", "This unsubscribe link is not valid; use the link from the e-mail as it is.");

export function verifyUnsubscribeToken(token: string, keyPepper: string): UnsubscribeClaims {
  const [version, payload, mac, ...rest] = token.split(".");
  if (version !== VERSION || !payload || !mac || rest.length > 0) throw invalid();
  const expected = signature(payload, keyPepper);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t?: unknown; s?: unknown; p?: unknown };
  if (typeof claims.t !== "string" || typeof claims.s !== "string" || typeof claims.p !== "string") throw invalid();
  return { tenantId: claims.t, subjectId: claims.s, purposeKey: claims.p };
}
