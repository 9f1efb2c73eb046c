import { GATEWAY_ERROR_CODES } from "../generated/error-codes.ts";

/** One entry of a GraphQL response's `errors`. */
export interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/**
 * Codes a caller may branch on: the gateway's own (generated from the schema's ErrorCode enum, where each is described),
 * Apollo's client-error codes that pass through it, and the SDK's for failures before a GraphQL answer arrives.
 */
export const CUSTOS_ERROR_CODES = [
  ...GATEWAY_ERROR_CODES,
  // The GraphQL server's (Apollo's) and the gateway's HTTP layer's, under Apollo's names; not in the gateway's enum.
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "METHOD_NOT_ALLOWED",
  "INTERNAL_SERVER_ERROR",
  // The SDK's own: no GraphQL answer arrived, or none that could be read.
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
