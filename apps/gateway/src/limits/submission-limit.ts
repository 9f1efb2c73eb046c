import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind } from "graphql";
import type { Context } from "../context.ts";
import type { RateBudget, RateLimitStore } from "./rate-limit.ts";

/**
 * Data-subject requests one address may submit an hour without a session or key of its own (an office behind one NAT shares it). Each queues e-mail, so
 * besides the per-mailbox limit (requests/contact-address.ts) a sender is limited however many mailboxes it names.
 */
export const PUBLIC_SUBMISSIONS_PER_HOUR = 30;

/** Counts each `submitRequest` of an anonymous or storefront caller against its address, before it runs. */
export function submissionLimit(store: RateLimitStore, perHour = PUBLIC_SUBMISSIONS_PER_HOUR): ApolloServerPlugin<Context> {
  const budget: RateBudget = { points: perHour, windowSeconds: 3600 };
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
          const decision = await store.consume(`submitRequest:${clientAddress}`, budget);
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
