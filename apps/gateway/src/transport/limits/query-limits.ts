import { ApolloArmor } from "@escape.tech/graphql-armor";

/**
 * Bounds on the shape of a query, checked before it runs. The deepest legitimate query (a
 * connection's edges → node → a relation's field) is 5 levels, and a storefront page asks for a
 * few dozen fields; these limits leave room for that and refuse the shapes that exist only to
 * make the server work (deep nesting, alias fan-out, huge documents).
 */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 5000,
} as const;

export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Counted by graphql-js while parsing (server.ts), so an over-long document is a 400 parse failure.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Suggestions ("did you mean…") would describe fields a caller may not see.
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
