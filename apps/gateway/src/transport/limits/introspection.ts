import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit } from "graphql";
import type { Context } from "../../ground/context.ts";
import { perDocument } from "./per-document.ts";

const asksForSchema = perDocument((document) => {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
});

/** Who may introspect in production: staff, and partners (their explorer at GET /graphql needs the schema). */
const MAY_INTROSPECT: ReadonlySet<Context["caller"]["kind"]> = new Set(["staff", "partner"]);

/**
 * In production only privacy staff and partners may introspect; everyone else works from the
 * published schema (`@custos/sdk/schema.graphql`). `__typename` stays allowed: clients need it to read unions.
 */
export function introspectionForStaffAndPartners(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!production || MAY_INTROSPECT.has(contextValue.caller.kind) || !asksForSchema(document)) return;
          throw new GraphQLError("Introspection is available to privacy staff and partners only.", {
            extensions: { code: "FORBIDDEN", http: { status: 403 } },
          });
        },
      };
    },
  };
}
