export type RequestRuleErrorCode =
  | "INVALID_JURISDICTION"
  | "INVALID_PAUSE"
  | "EXTENSION_NOT_ALLOWED"
  | "EXTENSION_REASON_REQUIRED"
  | "EXTENSION_TOO_LATE"
  | "ILLEGAL_TRANSITION"
  | "REASON_REQUIRED";

/**
 * A refusal by the request rules. The message is safe to show to staff and holds no personal data, so the
 * GraphQL layer can pass `code` and `message` through unchanged.
 */
export class RequestRuleError extends Error {
  constructor(
    readonly code: RequestRuleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RequestRuleError";
  }
}
