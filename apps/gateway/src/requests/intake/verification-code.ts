import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export const CODE_DIGITS = 6;
export const CODE_LIFETIME_MS = 15 * 60_000;
/** After this many wrong entries the code is void and a new one must be asked for. */
export const CODE_MAX_ATTEMPTS = 5;
/** Codes one request may be sent; after that only a document check can verify it (at most 25 guesses a request). */
export const CODES_PER_REQUEST = 5;
/** Unverified requests one sender may start for one mailbox within 24 hours, so guesses cannot be multiplied by new requests. */
export const UNVERIFIED_REQUESTS_PER_ADDRESS = 3;

export interface IssuedCode {
  /** Sent to the person, never stored. */
  code: string;
  salt: string;
  codeHash: string;
}

function hashCode(code: string, salt: string): string {
  return createHash("sha256").update(`${salt}:${code}`).digest("hex");
}

export function issueCode(): IssuedCode {
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
  const salt = randomBytes(16).toString("hex");
  return { code, salt, codeHash: hashCode(code, salt) };
}

/** Constant-time comparison of an entered code with the stored hash. */
export function codeMatches(entered: string, salt: string, codeHash: string): boolean {
  const given = Buffer.from(hashCode(entered.trim(), salt), "hex");
  const stored = Buffer.from(codeHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
