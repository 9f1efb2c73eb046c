import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode, type ValueNode } from "graphql";
import { MAX_BULK_SUBJECTS } from "../../consent/check/bulk-consent-check.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { fragmentsOf } from "./root-fields.ts";

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
  /**
   * Items in all the list arguments of one document (a field spread through fragments counted each time): the cost
   * graphql-armor does not see, since one `consentStates` over 10,000 ids is 10,000 lookups. One bulk check of the
   * most ids a call takes fits; aliases repeating it do not.
   */
  maxListedItems: MAX_BULK_SUBJECTS,
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

/** Items in the lists of an argument's value, with variables' values read from the request. */
function listedItems(value: ValueNode, variables: Record<string, unknown>): number {
  switch (value.kind) {
    case Kind.LIST:
      return value.values.length + value.values.reduce((sum, item) => sum + listedItems(item, variables), 0);
    case Kind.OBJECT:
      return value.fields.reduce((sum, field) => sum + listedItems(field.value, variables), 0);
    case Kind.VARIABLE:
      return itemsIn(variables[value.name.value]);
    default:
      return 0;
  }
}

function itemsIn(value: unknown, depth = 0): number {
  if (depth > 8 || typeof value !== "object" || value === null) return 0;
  if (Array.isArray(value)) return value.length + value.reduce((sum: number, item) => sum + itemsIn(item, depth + 1), 0);
  return Object.values(value).reduce((sum: number, item) => sum + itemsIn(item, depth + 1), 0);
}

/** The list items a selection set's arguments hold, each fragment's total reckoned once and added at every spread. */
function selectionItems(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  reckoned: Map<string, number>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      for (const argument of selection.arguments ?? []) total += listedItems(argument.value, variables);
      if (selection.selectionSet) total += selectionItems(selection.selectionSet, fragments, variables, reckoned);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += selectionItems(selection.selectionSet, fragments, variables, reckoned);
    } else {
      const name = selection.name.value;
      let items = reckoned.get(name);
      if (items === undefined) {
        const fragment = fragments[name];
        // Validation refused cycles; the 0 set first keeps a walk finite regardless.
        reckoned.set(name, 0);
        items = fragment ? selectionItems(fragment.selectionSet, fragments, variables, reckoned) : 0;
        reckoned.set(name, items);
      }
      total += items;
    }
  }
  return total;
}

/** Refuses, before it runs, a document whose list arguments hold more than `maxListedItems` items in all. */
export const listCost: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (!operation) return;
        const items = selectionItems(operation.selectionSet, fragmentsOf(document.definitions), request.variables ?? {}, new Map());
        if (items <= QUERY_LIMITS.maxListedItems) return;
        const refusal = new CustosError(
          "TOO_MANY_SUBJECTS",
          `This document lists ${items} items in its arguments; one may list at most ${QUERY_LIMITS.maxListedItems} in all. Split it into several requests.`,
          { maxSubjects: QUERY_LIMITS.maxListedItems },
        );
        throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: refusal.code, http: { status: 400 } } });
      },
    };
  },
};
