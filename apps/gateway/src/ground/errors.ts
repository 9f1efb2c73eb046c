import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Context } from "./context.ts";
import { isDatabaseOutage, isRefusedValue } from "./database-errors.ts";

/**
 * Stable error codes a client may branch on. Apollo's own codes (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED for a missing argument, BAD_USER_INPUT for a bad variable) pass through.
 */
export const CUSTOS_ERROR_CODES = [
  /** No credentials where some are needed, or credentials that are malformed, unknown, revoked or expired. */
  "UNAUTHENTICATED",
  /** Valid credentials that do not allow the operation. */
  "FORBIDDEN",
  "RATE_LIMITED",
  "NOT_FOUND",
  "INVALID_API_KEY_REQUEST",
  "INVALID_SUBJECT_ID",
  "INVALID_JURISDICTION",
  "UNKNOWN_PURPOSE",
  "CONSENT_NOT_APPLICABLE",
  /** A bulk consent check with more subject ids than one call takes; `extensions.maxSubjects` says how many. */
  "TOO_MANY_SUBJECTS",
  /** A transfer abroad lacks a mechanism (or consent, notice, regulator notice) a law that applies to it requires; `extensions.violations` lists each with its citation. */
  "TRANSFER_NOT_LAWFUL",
  "INVALID_RETENTION_PERIOD",
  "UNKNOWN_DATA_CATEGORY",
  "UNKNOWN_PROCESSOR",
  "INVALID_COUNTRY",
  /** A data system with a malformed or already registered key, or a bad name. */
  "INVALID_DATA_SYSTEM",
  /** A legal hold that names neither a subject nor a data category, or a release of one already released. */
  "INVALID_LEGAL_HOLD",
  /** A disclosure the person was not told of in advance must say why. */
  "DISCLOSURE_REASON_REQUIRED",
  /** The retention task is not pending, or is not this data system's. */
  "RETENTION_TASK_NOT_PENDING",
  /** Retrying a notice that is not on the dead-letter list (its status is not FAILED). */
  "NOTICE_NOT_FAILED",
  /** A consent write with a field out of bounds: a past expiry, GPC_SIGNAL outside reportGpc, an over-long string. */
  "INVALID_CONSENT_INPUT",
  "INVALID_PROOF",
  "UNKNOWN_COOKIE_CATEGORY",
  "UNKNOWN_POLICY_VERSION",
  "INVALID_POLICY_VERSION",
  "POLICY_VERSION_EXISTS",
  "INVALID_UNSUBSCRIBE_TOKEN",
  "INVALID_EXPORT_RANGE",
  /** An export would hold more rows than one document should; narrow the filter or the period. */
  "EXPORT_TOO_LARGE",
  /** The process is building as many exports as it holds in memory at once; retry in a few seconds. */
  "EXPORT_BUSY",
  /** A data-subject request's input is malformed (e-mail, details, fields that do not fit its type). */
  "INVALID_REQUEST",
  /** The workflow refuses this move; the message lists the moves that are possible. */
  "ILLEGAL_TRANSITION",
  "REASON_REQUIRED",
  /** Someone else moved the request meanwhile; read it again. */
  "REQUEST_CHANGED",
  "EXTENSION_NOT_ALLOWED",
  "EXTENSION_REASON_REQUIRED",
  "EXTENSION_TOO_LATE",
  "VERIFICATION_FAILED",
  "VERIFICATION_CODE_EXPIRED",
  /** The request had all the codes it may get; only a document check by staff can verify it now. */
  "VERIFICATION_LOCKED",
  /** The e-mail code cannot prove identity because the account has another address; staff check documents. */
  "IDENTITY_MISMATCH",
  "TASKS_PENDING",
  "TASK_NOT_OPEN",
  "INVALID_TASK_RESULT",
  /** A connection's `first`/`last` out of range, a malformed cursor, or arguments that do not go together. */
  "INVALID_PAGINATION",
  /** An idempotency key this caller already used for this subject and operation with a different payload. */
  "IDEMPOTENCY_KEY_REUSED",
  /** A subscription, or any operation this HTTP endpoint does not execute. */
  "UNSUPPORTED_OPERATION",
  /** The request URL is not a path on this server, or names no route. */
  "BAD_REQUEST_URL",
  /** The database did not answer in time; nothing was written. Retry after the `Retry-After` seconds (HTTP 503). */
  "DATABASE_UNAVAILABLE",
] as const;

export type CustosErrorCode = (typeof CUSTOS_ERROR_CODES)[number];

/** An error the caller caused and can fix; its message is safe to show and holds no personal data. */
export class CustosError extends Error {
  constructor(
    readonly code: CustosErrorCode,
    message: string,
    /** Machine-readable detail beside the code (e.g. a refused transfer's violations); no personal data. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CustosError";
  }
}

const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  // Raised before execution, by the introspection guard and the request guard.
  "FORBIDDEN",
  "UNSUPPORTED_OPERATION",
  "RATE_LIMITED",
]);

function isClientErrorCode(code: unknown): boolean {
  return typeof code === "string" && CLIENT_ERROR_CODES.has(code);
}

/**
 * Pothos's relay and Prisma plugins check connection arguments and cursors as they resolve, with messages that
 * echo the cursor; these say what was wrong without repeating it.
 */
const PAGINATION_MISTAKES: readonly [RegExp, string][] = [
  [/^Argument "(first|last)"/, "first and last must be whole numbers from 0; a page holds at most 100 records."],
  [/^Arguments? "/, "Use first with after, or last with before; not both directions at once."],
  [/cursor|Invalid id received|Invalid global ID/i, "The cursor is malformed: pass a cursor from a page this connection returned."],
];

function paginationMistake(error: unknown): CustosError | undefined {
  if (!(error instanceof Error) || error.name !== "PothosValidationError") return undefined;
  const found = PAGINATION_MISTAKES.find(([pattern]) => pattern.test(error.message));
  return found && new CustosError("INVALID_PAGINATION", found[1]);
}

/** graphql-js's "Did you mean …?" hints name fields, types and enum values a caller may not be allowed to see. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, "");
}

/** Keeps client errors as they are and replaces everything else with a bare INTERNAL_SERVER_ERROR. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const original = paginationMistake(unwrapped) ?? unwrapped;
  if (original instanceof CustosError) {
    return { message: original.message, path: formatted.path, extensions: { ...original.details, code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (isClientErrorCode(code)) {
    return { message: withoutSuggestions(formatted.message), locations: formatted.locations, extensions: { code } };
  }
  if (isRefusedValue(original)) {
    return {
      message: "A value does not fit its field: an id that is not a UUID, or a number, date or text out of range.",
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT" },
    };
  }
  if (isDatabaseOutage(original)) {
    return {
      message: "The database did not answer in time; nothing was written. Retry shortly.",
      path: formatted.path,
      extensions: { code: "DATABASE_UNAVAILABLE" },
    };
  }
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  return (
    !(original instanceof CustosError) &&
    !paginationMistake(original) &&
    !isRefusedValue(original) &&
    !isClientErrorCode(error.extensions.code)
  );
}

/** Logs what the client is not told: the kind of each unexpected error, with the request id, never its message. */
export const unexpectedErrorLogging: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors.filter(isUnexpected)) {
          contextValue.log.error("unexpected error", {
            requestId: contextValue.requestId,
            operationName,
            path: error.path,
            error: error.originalError?.name ?? "GraphQLError",
          });
        }
      },
    };
  },
};
