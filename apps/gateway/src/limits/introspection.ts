import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit } from "graphql";
import type { Context } from "../context.ts";

function asksForSchema(document: Parameters<typeof visit>[0]): boolean {
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
}

/**
 * In production only privacy staff may introspect; everyone else works from the published
 * schema.graphql. `__typename` stays allowed: clients need it to read unions.
 */
export function introspectionForStaffOnly(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!production || contextValue.caller.kind === "staff" || !asksForSchema(document)) return;
          throw new GraphQLError("Introspection is available to privacy staff only.", {
            extensions: { code: "FORBIDDEN", http: { status: 403 } },
          });
        },
      };
    },
  };
}
