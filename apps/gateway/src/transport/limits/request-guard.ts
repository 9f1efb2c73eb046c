import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit } from "graphql";
import type { Context } from "../../ground/context.ts";
import { RETRY_AFTER_SECONDS } from "../../ground/database-errors.ts";
import { perDocument } from "./per-document.ts";

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([key, inner]) => key.includes("\u0000") || holdsNul(inner, depth + 1));
}

const documentHoldsNul = perDocument((document) => {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes("\u0000")) return;
      found = true;
      return BREAK;
    },
  });
  return found;
});

const refusal = (message: string, code: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Refuses, before anything runs, what the resolvers cannot be asked to handle: a subscription (this endpoint
 * executes queries and mutations only), and a NUL character in any string, which PostgreSQL cannot store.
 */
export const requestGuard: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (operation?.operation === "subscription") {
          throw refusal("Subscriptions are not served here; poll the query instead.", "UNSUPPORTED_OPERATION");
        }
        if (holdsNul(request.variables) || documentHoldsNul(document)) {
          throw refusal("Strings may not contain the NUL character (U+0000).", "BAD_USER_INPUT");
        }
      },
    };
  },
};

/**
 * HTTP statuses Apollo leaves at 200: a database that did not answer makes the whole answer a 503 the client may
 * retry, with the wait it should take; a persisted-query request (APQ is off) is the client's mistake, a 400.
 */
export const answerStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        const codes = new Set((response.body.singleResult.errors ?? []).map((error) => error.extensions?.code));
        if (codes.has("DATABASE_UNAVAILABLE")) {
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
        } else if (codes.has("PERSISTED_QUERY_NOT_SUPPORTED")) {
          response.http.status = 400;
        }
      },
    };
  },
};
