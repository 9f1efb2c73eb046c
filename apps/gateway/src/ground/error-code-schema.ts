import { builder } from "./builder.ts";
import { type CustosErrorCode, ERROR_CODE_DESCRIPTIONS } from "./errors.ts";

type ErrorCodeValues = Record<CustosErrorCode, { description: string }>;

const values = Object.fromEntries(
  Object.entries(ERROR_CODE_DESCRIPTIONS).map(([code, description]) => [code, { description }]),
) as ErrorCodeValues;

/**
 * The gateway's error codes as a type of the contract, so partners and the SDK generate their lists from the schema.
 * No field returns it; Pothos puts every type it builds into the schema, referenced or not.
 */
export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description:
    "The codes the gateway puts in an error's `extensions.code`, for a client to branch on; no field returns this type. " +
    "Beside them pass the GraphQL server's own codes, which the HTTP layer uses too (GRAPHQL_PARSE_FAILED, " +
    "GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, BAD_REQUEST, PAYLOAD_TOO_LARGE, METHOD_NOT_ALLOWED, " +
    "PERSISTED_QUERY_NOT_SUPPORTED), and INTERNAL_SERVER_ERROR for anything unexpected, whose details stay in the gateway's log.",
  values,
});
