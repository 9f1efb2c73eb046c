/** One entry of a GraphQL response's `errors`. */
export interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/**
 * Codes a caller may branch on: the gateway's own, Apollo's client-error codes that pass through
 * it, and the SDK's for failures before a GraphQL answer arrives. Open-ended, so a code a newer
 * gateway adds still type-checks.
 */
export type CustosErrorCode =
  | "INVALID_SUBJECT_ID"
  | "INVALID_JURISDICTION"
  | "UNKNOWN_PURPOSE"
  | "CONSENT_NOT_APPLICABLE"
  | "INVALID_CONSENT_INPUT"
  | "INVALID_PROOF"
  | "UNKNOWN_COOKIE_CATEGORY"
  | "UNKNOWN_POLICY_VERSION"
  | "INVALID_POLICY_VERSION"
  | "POLICY_VERSION_EXISTS"
  | "INVALID_UNSUBSCRIBE_TOKEN"
  | "INVALID_EXPORT_RANGE"
  | "EXPORT_TOO_LARGE"
  | "NOT_FOUND"
  | "INVALID_REQUEST"
  | "ILLEGAL_TRANSITION"
  | "REASON_REQUIRED"
  | "REQUEST_CHANGED"
  | "CALENDAR_NOT_COVERED"
  | "EXTENSION_NOT_ALLOWED"
  | "EXTENSION_REASON_REQUIRED"
  | "EXTENSION_TOO_LATE"
  | "VERIFICATION_FAILED"
  | "VERIFICATION_CODE_EXPIRED"
  | "VERIFICATION_LOCKED"
  | "IDENTITY_MISMATCH"
  | "TASKS_PENDING"
  | "TASK_NOT_OPEN"
  | "INVALID_TASK_RESULT"
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  | "BAD_USER_INPUT"
  | "BAD_REQUEST"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL_SERVER_ERROR"
  | "NETWORK_ERROR"
  | "BAD_RESPONSE"
  | (string & {});

interface CustosErrorDetails {
  code: CustosErrorCode;
  /** Absent when no HTTP response arrived. */
  status?: number;
  errors?: readonly GraphqlError[];
  cause?: unknown;
}

/** Every failure of a Custos call: a GraphQL error, an HTTP failure, a network failure or an unreadable answer. */
export class CustosError extends Error {
  override readonly name = "CustosError";
  readonly code: CustosErrorCode;
  readonly status: number | undefined;
  readonly errors: readonly GraphqlError[];

  constructor(message: string, { code, status, errors = [], cause }: CustosErrorDetails) {
    super(message, { cause });
    this.code = code;
    this.status = status;
    this.errors = errors;
  }
}
