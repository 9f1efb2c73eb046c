import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Two single-purpose, HMAC-signed tokens keyed with the gateway's key pepper, so nothing extra is stored:
 * - tracking: given to whoever submitted a request (and e-mailed to its contact address); lets them see its
 *   status, enter the verification code, withdraw or escalate. It never releases personal data.
 * - export: in the completion e-mail only, after identity was verified; downloads the package until it expires.
 * The purpose is part of the signed text, so one kind of token can never be used as the other.
 */
export type TokenPurpose = "request-tracking" | "request-export";

const PREFIX: Record<TokenPurpose, string> = { "request-tracking": "crt", "request-export": "cre" };

function sign(secret: string, purpose: TokenPurpose, body: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${body}`).digest("base64url");
}

export function issueRequestToken(secret: string, purpose: TokenPurpose, requestId: string, expiresAt?: Date): string {
  const body = expiresAt ? `${requestId}.${Math.floor(expiresAt.getTime() / 1000)}` : requestId;
  return `${PREFIX[purpose]}_${body}.${sign(secret, purpose, body)}`;
}

/** The request id the token names, or null when it is malformed, signed for another purpose, or expired. */
export function readRequestToken(secret: string, purpose: TokenPurpose, token: string, now = new Date()): string | null {
  const prefix = `${PREFIX[purpose]}_`;
  if (!token.startsWith(prefix) || token.length > 200) return null;
  const rest = token.slice(prefix.length);
  const cut = rest.lastIndexOf(".");
  if (cut < 0) return null;
  const body = rest.slice(0, cut);
  const given = Buffer.from(rest.slice(cut + 1));
  const expected = Buffer.from(sign(secret, purpose, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [requestId, expires] = body.split(".");
  if (!requestId) return null;
  if (expires !== undefined && Number(expires) * 1000 < now.getTime()) return null;
  return requestId;
}
