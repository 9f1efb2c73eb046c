import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../../ground/context.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { fragmentsOf, rootFields } from "./root-fields.ts";

/**
 * Counts each `submitRequest` of an anonymous or storefront caller against its address, before it runs: every field,
 * under an alias or inside a fragment as well as bare (batched HTTP requests are off, server.ts), so a document of 15
 * submissions spends 15 of the address's allowance, and is refused whole if they do not all fit.
 */
export function submissionLimit(rateLimit: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, response }) {
          const { caller, clientAddress } = contextValue;
          if (operation?.operation !== "mutation" || (caller.kind !== "anonymous" && caller.kind !== "storefront")) return;
          const submits = rootFields(operation, fragmentsOf(document.definitions)).filter(
            (field) => field.name.value === "submitRequest",
          ).length;
          if (submits === 0) return;
          const decision = await rateLimit.submission(clientAddress, submits);
          if (decision.allowed) return;
          response.http.headers.set("retry-after", String(decision.retryAfterSeconds));
          throw new GraphQLError(`Too many requests submitted from this address; retry after ${decision.retryAfterSeconds} s.`, {
            extensions: { code: "RATE_LIMITED", http: { status: 429 } },
          });
        },
      };
    },
  };
}
