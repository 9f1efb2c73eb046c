import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit } from "graphql";
import type { Context } from "../../ground/context.ts";
import { RETRY_AFTER_SECONDS } from "../../ground/database-errors.ts";
import { perDocument } from "./per-document.ts";

/**
 * The one rule for every string a caller sends (argument, input field, list item, JSON key or value, at any depth):
 * no NUL character, which PostgreSQL text cannot hold, and no lone UTF-16 surrogate (a string that is not well-formed
 * Unicode), which UTF-8 cannot encode, nor the ledger's canonical JSON (RFC 8785) that its hash chain hashes. With
 * the `u` flag, `\p{Cs}` matches a surrogate only when it is not half of a pair.
 */
function isUnstorable(text: string): boolean {
  return text.includes("\u0000") || /\p{Cs}/u.test(text);
}

function holdsUnstorable(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (isUnstorable(next)) return true;
    } else if (typeof next === "object" && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (isUnstorable(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

// graphql-js refuses a lone surrogate in a literal as it parses (GRAPHQL_PARSE_FAILED); a NUL escape it lets through.
const documentHoldsUnstorable = perDocument((document) => {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!isUnstorable(node.value)) return;
      found = true;
      return BREAK;
    },
  });
  return found;
});

const refusal = (message: string, code: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Refuses, before anything runs, what the resolvers cannot be asked to handle: a subscription (this endpoint
 * executes queries and mutations only), and a string the database cannot store (see isUnstorable), in the variables
 * or the document, whether the operation uses it or not.
 */
export const requestGuard: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (operation?.operation === "subscription") {
          throw refusal("Subscriptions are not served here; poll the query instead.", "UNSUPPORTED_OPERATION");
        }
        if (holdsUnstorable(request.variables) || documentHoldsUnstorable(document)) {
          throw refusal("Strings may not contain the NUL character (U+0000) or a lone UTF-16 surrogate (U+D800-U+DFFF).", "BAD_USER_INPUT");
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
