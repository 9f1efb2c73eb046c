import { randomBytes } from "node:crypto";
import { CustosError } from "../errors.ts";

/**
 * A subject is known by the opaque id the company's apps give it. The character set leaves out
 * '@', '+' and spaces, so an e-mail address cannot become a key.
 */
const SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * A storefront visitor who has not signed in: `visitor:` and 16-64 random URL-safe characters, minted by the SDK
 * (or `createVisitorId`). The prefix is reserved, so the gateway tells a visitor from a customer by the id alone:
 * the public storefront key writes consent for visitors only, never for an account.
 */
export const VISITOR_PREFIX = "visitor:";
const VISITOR_ID = /^visitor:[A-Za-z0-9_-]{16,64}$/;

export const isVisitorId = (subjectId: string) => subjectId.startsWith(VISITOR_PREFIX);

/** A fresh visitor id: 128 random bits. */
export const mintVisitorId = () => `${VISITOR_PREFIX}${randomBytes(16).toString("base64url")}`;

export function parseSubjectId(raw: string): string {
  if (!SUBJECT_ID.test(raw) || (isVisitorId(raw) && !VISITOR_ID.test(raw))) {
    throw new CustosError(
      "INVALID_SUBJECT_ID",
      "subjectId must be the app's opaque id for the person: 1-128 letters, digits, '.', '_', ':' or '-' (not an e-mail address); " +
        "a visitor id is `visitor:` and 16-64 random letters, digits, '_' or '-'.",
    );
  }
  return raw;
}

/** A customer's id: any subject id but a visitor's. */
export function parseCustomerId(raw: string): string {
  const id = parseSubjectId(raw);
  if (isVisitorId(id)) throw new CustosError("INVALID_SUBJECT_ID", "This needs a customer's id, not a storefront visitor's.");
  return id;
}
