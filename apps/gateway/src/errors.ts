import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Context } from "./context.ts";

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
  // Raised before execution, by the introspection guard.
  "FORBIDDEN",
]);

function isClientErrorCode(code: unknown): boolean {
  return typeof code === "string" && CLIENT_ERROR_CODES.has(code);
}

/** Keeps client errors as they are and replaces everything else with a bare INTERNAL_SERVER_ERROR. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof CustosError) {
    return { message: original.message, path: formatted.path, extensions: { ...original.details, code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (isClientErrorCode(code)) return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

function isUnexpected(error: GraphQLError): boolean {
  return !(error.originalError instanceof CustosError) && !isClientErrorCode(error.extensions.code);
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
