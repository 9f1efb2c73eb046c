import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind } from "graphql";
import type { Context } from "../../ground/context.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** Counts each `submitRequest` of an anonymous or storefront caller against its address, before it runs. */
export function submissionLimit(rateLimit: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, response }) {
          const { caller, clientAddress } = contextValue;
          if (operation?.operation !== "mutation" || (caller.kind !== "anonymous" && caller.kind !== "storefront")) return;
          const submits = operation.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && selection.name.value === "submitRequest",
          );
          if (!submits) return;
          const decision = await rateLimit.submission(clientAddress);
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
