import { CustosError } from "../errors.ts";

/**
 * A subject is known by the opaque id the company's apps give it. The character set leaves out
 * '@', '+' and spaces, so an e-mail address cannot become a key.
 */
const SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function parseSubjectId(raw: string): string {
  if (!SUBJECT_ID.test(raw)) {
    throw new CustosError(
      "INVALID_SUBJECT_ID",
      "subjectId must be the app's opaque id for the person: 1-128 letters, digits, '.', '_', ':' or '-' (not an e-mail address).",
    );
  }
  return raw;
}
