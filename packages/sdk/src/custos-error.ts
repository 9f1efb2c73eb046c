/** One entry of a GraphQL response's `errors`. */
export interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/**
 * Codes a caller may branch on: the gateway's own (a test keeps this list equal to the gateway's),
 * Apollo's client-error codes that pass through it, and the SDK's for failures before a GraphQL
 * answer arrives.
 */
export const CUSTOS_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "NOT_FOUND",
  "INVALID_API_KEY_REQUEST",
  "INVALID_SUBJECT_ID",
  "INVALID_JURISDICTION",
  "UNKNOWN_PURPOSE",
  "CONSENT_NOT_APPLICABLE",
  "TOO_MANY_SUBJECTS",
  "TRANSFER_NOT_LAWFUL",
  "INVALID_RETENTION_PERIOD",
  "UNKNOWN_DATA_CATEGORY",
  "UNKNOWN_PROCESSOR",
  "INVALID_COUNTRY",
  "INVALID_DATA_SYSTEM",
  "INVALID_LEGAL_HOLD",
  "DISCLOSURE_REASON_REQUIRED",
  "RETENTION_TASK_NOT_PENDING",
  "NOTICE_NOT_FAILED",
  "INVALID_CONSENT_INPUT",
  "INVALID_PROOF",
  "UNKNOWN_COOKIE_CATEGORY",
  "UNKNOWN_POLICY_VERSION",
  "INVALID_POLICY_VERSION",
  "POLICY_VERSION_EXISTS",
  "INVALID_UNSUBSCRIBE_TOKEN",
  "INVALID_EXPORT_RANGE",
  "EXPORT_TOO_LARGE",
  "EXPORT_BUSY",
  "INVALID_REQUEST",
  "ILLEGAL_TRANSITION",
  "REASON_REQUIRED",
  "REQUEST_CHANGED",
  "EXTENSION_NOT_ALLOWED",
  "EXTENSION_REASON_REQUIRED",
  "EXTENSION_TOO_LATE",
  "VERIFICATION_FAILED",
  "VERIFICATION_CODE_EXPIRED",
  "VERIFICATION_LOCKED",
  "IDENTITY_MISMATCH",
  "TASKS_PENDING",
  "TASK_NOT_OPEN",
  "INVALID_TASK_RESULT",
  "INVALID_PAGINATION",
  "IDEMPOTENCY_KEY_REUSED",
  "UNSUPPORTED_OPERATION",
  "BAD_REQUEST_URL",
  "DATABASE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "METHOD_NOT_ALLOWED",
  "INTERNAL_SERVER_ERROR",
  "NETWORK_ERROR",
  "TIMEOUT",
  "ABORTED",
  "BAD_RESPONSE",
] as const;

/** One of CUSTOS_ERROR_CODES; open-ended, so a code a newer gateway adds still type-checks. */
export type CustosErrorCode = (typeof CUSTOS_ERROR_CODES)[number] | (string & {});

interface CustosErrorDetails {
  code: CustosErrorCode;
  /** Absent when no HTTP response arrived. */
  status?: number;
  errors?: readonly GraphqlError[];
  /** Seconds the gateway asked the caller to wait (its `Retry-After` header). */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The brand every copy of the SDK puts on its errors. `Symbol.for` is one symbol per JavaScript realm, so an error
 * thrown by the ESM build, the CommonJS build or another entry point's bundle is `instanceof` each copy's CustosError.
 */
const CUSTOS_ERROR = Symbol.for("@custos/sdk/CustosError");

/** Every failure of a Custos call: a GraphQL error, an HTTP failure, a network failure or an unreadable answer. */
export class CustosError extends Error {
  override readonly name = "CustosError";
  readonly code: CustosErrorCode;
  readonly status: number | undefined;
  readonly errors: readonly GraphqlError[];
  /** Seconds the gateway asked to wait before trying again (`Retry-After`, e.g. with RATE_LIMITED); undefined if it did not say. */
  readonly retryAfter: number | undefined;

  constructor(message: string, { code, status, errors = [], retryAfter, cause }: CustosErrorDetails) {
    super(message, { cause });
    this.code = code;
    this.status = status;
    this.errors = errors;
    this.retryAfter = retryAfter;
    Object.defineProperty(this, CUSTOS_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [CUSTOS_ERROR]?: unknown })[CUSTOS_ERROR] === true;
  }
}
