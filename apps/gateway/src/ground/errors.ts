import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "./context.ts";
import { isDatabaseOutage, isRefusedValue } from "./database-errors.ts";

/**
 * Stable error codes a client may branch on, each with what it means: the one list of them. The schema publishes it as
 * the `ErrorCode` enum (error-code-schema.ts), from which the SDK generates its own list. Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED for a missing argument, BAD_USER_INPUT for a bad variable) pass
 * through beside them.
 */
export const ERROR_CODE_DESCRIPTIONS = {
  UNAUTHENTICATED: "No credentials where some are needed, or credentials that are malformed, unknown, revoked or expired.",
  FORBIDDEN: "Valid credentials that do not allow the operation.",
  RATE_LIMITED:
    "Too many calls: from this caller or address (HTTP 429; wait the `Retry-After` seconds), or too many privacy requests for one e-mail address today.",
  NOT_FOUND: "The record the operation names does not exist or is not this caller's to see; also an unknown HTTP path (HTTP 404).",
  INVALID_API_KEY_REQUEST:
    "A new API key's input does not fit its kind: an unknown data system or processor, a malformed storefront origin, a missing binding.",
  INVALID_SUBJECT_ID:
    "A subject id that is malformed (an e-mail address, the wrong characters or length), missing, or a visitor's id where a customer's is needed (or the reverse).",
  INVALID_JURISDICTION: "A jurisdiction that is not an ISO 3166 code such as RU, DE or US-CA.",
  UNKNOWN_PURPOSE: "No purpose with that key (the purposes query lists them), or none based on consent where one must be.",
  CONSENT_NOT_APPLICABLE:
    "Consent was recorded for what needs none: a purpose resting on another legal basis, or a strictly necessary cookie category.",
  TOO_MANY_SUBJECTS: "A bulk consent check with more subject ids than one call takes; `extensions.maxSubjects` says how many.",
  TRANSFER_NOT_LAWFUL:
    "A transfer abroad lacks a mechanism (or consent, notice, regulator notice) a law that applies to it requires; `extensions.violations` lists each with its citation.",
  INVALID_RETENTION_PERIOD: "A retention period that is not a whole number of months from 1 to 1200.",
  UNKNOWN_DATA_CATEGORY: "No data category with the key given; the message names the keys that are missing.",
  UNKNOWN_PROCESSOR: "No processor with the name given; register the processor first.",
  INVALID_COUNTRY: "A country that is not an ISO 3166-1 alpha-2 code, e.g. SG.",
  INVALID_DATA_SYSTEM: "A data system with a malformed or already registered key, or a bad name.",
  INVALID_LEGAL_HOLD: "A legal hold that names neither a subject nor a data category, or a release of one already released.",
  DISCLOSURE_REASON_REQUIRED: "A disclosure the person was not told of in advance must say why.",
  RETENTION_TASK_NOT_PENDING: "The retention task is not pending, or is not this data system's.",
  NOTICE_NOT_FAILED: "Retrying a notice that is not on the dead-letter list (its status is not FAILED).",
  INVALID_CONSENT_INPUT: "A consent write with a field out of bounds: a past expiry, GPC_SIGNAL outside reportGpc, an over-long string.",
  INVALID_PROOF: "A consent's proof with an IP address that is not IPv4 or IPv6, or a field longer than it may be.",
  INVALID_TC_STRING:
    "A tcString the IAB's library cannot decode, or one no TCF v2.2 CMP writes (another version, CMP id 0, a policy before v2.2).",
  INVALID_GPP_STRING: "A gppString the IAB's library cannot decode: a bad header, a missing or malformed section.",
  TC_STRING_CONTRADICTS_DECISION:
    "A grant sent with a TC string that gives no consent for the TCF purposes it stands for; a withdrawal is never refused.",
  UNKNOWN_COOKIE_CATEGORY: "No cookie category with that key; cookieCategories lists them.",
  UNKNOWN_POLICY_VERSION: "No policy version of that kind with that id; currentPolicies lists them.",
  INVALID_POLICY_VERSION: "A policy version whose language is not a BCP 47 tag, or whose version is not 1-64 characters.",
  POLICY_VERSION_EXISTS: "This version of the policy in this language is already published.",
  INVALID_UNSUBSCRIBE_TOKEN:
    "An unsubscribe link that is malformed or altered, belongs to another site, or names a purpose that no longer exists.",
  INVALID_EXPORT_RANGE: "An export period whose end is not after its start.",
  INVALID_WEBHOOK_ENDPOINT:
    "A webhook endpoint without a name, or whose URL is not https:// (http:// only on this host) or carries credentials.",
  WEBHOOK_DELIVERY_NOT_FAILED:
    "Retrying a webhook delivery that is not on the dead-letter list (FAILED), or whose endpoint is disabled; webhookDeliveries lists them.",
  WEBHOOK_ENDPOINT_DISABLED: "Disabling a webhook endpoint that is already disabled.",
  INVALID_CHECKPOINT:
    "A consent log checkpoint that is not a compact JWS signed by one of the controller's published keys, or a tree size the log has not reached.",
  EXPORT_TOO_LARGE: "An export would hold more rows than one document should; narrow the filter or the period.",
  EXPORT_BUSY: "The process is building as many exports as it holds in memory at once; retry in a few seconds.",
  INVALID_REQUEST: "A data-subject request's input is malformed (e-mail, details, fields that do not fit its type).",
  ILLEGAL_TRANSITION: "The workflow refuses this move; the message lists the moves that are possible.",
  REASON_REQUIRED:
    "A move that needs a reason, sent to the person, came without one: a rejection without its legal ground (or without the explanation its ground needs), an answer to a question or complaint without text, or completing a request no data system was asked about.",
  REFUSAL_GROUND_NOT_APPLICABLE: "A rejection's legal ground belongs to another law than the one the request falls under.",
  REQUEST_CHANGED: "Someone else moved the request meanwhile; read it again.",
  EXTENSION_NOT_ALLOWED: "The law that applies allows no extension of this request's deadline, or it was already extended once.",
  EXTENSION_REASON_REQUIRED: "A deadline extension needs the reasons that the notice gives the person.",
  EXTENSION_TOO_LATE: "The notice of an extension had to reach the person earlier; the message says by when, and the citation.",
  VERIFICATION_FAILED: "The verification code is not right; the message says how many attempts are left, or that the code is now void.",
  VERIFICATION_CODE_EXPIRED: "There is no valid verification code for this request; ask for a new one.",
  VERIFICATION_LOCKED: "The request had all the codes it may get; only a document check by staff can verify it now.",
  IDENTITY_MISMATCH: "The e-mail code cannot prove identity because the account has another address; staff check documents.",
  TASKS_PENDING: "The request cannot complete while tasks of its data systems are still open; it completes when they are done.",
  INVALID_ASSIGNEE:
    "An assignment to someone who is not privacy staff of this tenant: people appear in staffMembers once they have signed in; auditors take no requests.",
  TASK_NOT_OPEN: "The request task is finished, or its request is closed, so it takes no result.",
  INVALID_TASK_RESULT:
    "A task result that does not fit the request's type: data for access and portability, in its documented shape; a confirmation otherwise.",
  INVALID_PAGINATION: "A connection's `first`/`last` out of range, a malformed cursor, or arguments that do not go together.",
  IDEMPOTENCY_KEY_REUSED: "An idempotency key this caller already used for this subject and operation with a different payload.",
  UNSUPPORTED_OPERATION: "A subscription, or any operation this HTTP endpoint does not execute.",
  BAD_REQUEST_URL: "The request URL is not a path on this server, or names no route.",
  DATABASE_UNAVAILABLE: "The database did not answer in time; nothing was written. Retry after the `Retry-After` seconds (HTTP 503).",
} as const satisfies Record<string, string>;

export type CustosErrorCode = keyof typeof ERROR_CODE_DESCRIPTIONS;

/** The codes of ERROR_CODE_DESCRIPTIONS, in its order. */
export const CUSTOS_ERROR_CODES = Object.keys(ERROR_CODE_DESCRIPTIONS) as readonly CustosErrorCode[];

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
  // Raised before execution, by the introspection guard, the request guard and the limits (transport/limits/).
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
/** A check that runs before execution (transport/limits/) refuses with a GraphQLError carrying the CustosError. */
function refusalBeforeExecution(error: unknown): CustosError | undefined {
  return error instanceof GraphQLError && error.originalError instanceof CustosError ? error.originalError : undefined;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const original = paginationMistake(unwrapped) ?? refusalBeforeExecution(unwrapped) ?? unwrapped;
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
