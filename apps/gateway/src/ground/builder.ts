import type PrismaTypes from "@custos/db/pothos-types";
import { getDatamodel } from "@custos/db/pothos-types";
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";
import { CustosError } from "./errors.ts";
import { parseInstant } from "./identifiers/instant.ts";
import { type AuthScopes, scopesFor } from "./scopes.ts";

/** Lists of records are relay connections; no caller can ask for more than this many at once. */
export const MAX_PAGE_SIZE = 100;

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  PrismaTypes: PrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Scope auth first, so no other plugin's wrapper runs before a field's rule has passed.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (ctx) => scopesFor(ctx.caller),
    // Without credentials the fix is to present some; with them, no other credential of the same kind would help.
    unauthorizedError: (_parent, ctx) =>
      ctx.caller.kind === "anonymous"
        ? new CustosError("UNAUTHENTICATED", "This operation needs credentials: an API key or a shopper session token.")
        : new CustosError("FORBIDDEN", "Your credentials do not allow this operation."),
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false, description: "This page's items, each with its cursor." },
    nodeFieldOptions: { nullable: false, description: "The item." },
    cursorFieldOptions: { description: "Pass as `after` (or `before`) to page on from this item." },
    pageInfoFieldOptions: { description: "Whether there are more pages, and the cursors to reach them." },
    hasNextPageFieldOptions: { description: "More items follow this page." },
    hasPreviousPageFieldOptions: { description: "More items precede this page." },
    startCursorFieldOptions: { description: "The first item's cursor; null on an empty page." },
    endCursorFieldOptions: { description: "The last item's cursor; null on an empty page." },
    firstArgOptions: { description: `How many items from the start (or after \`after\`); at most ${MAX_PAGE_SIZE}.` },
    lastArgOptions: { description: `How many items from the end (or before \`before\`); at most ${MAX_PAGE_SIZE}.` },
    afterArgOptions: { description: "A cursor from an earlier page: items after it." },
    beforeArgOptions: { description: "A cursor from an earlier page: items before it." },
    pageInfoTypeOptions: {
      description: "Where a page stands in its list: whether items come before or after it, and the cursors to reach them.",
    },
    defaultConnectionTypeOptions: {
      description: "One page of the list the field returns: its items as edges, and pageInfo to reach the next or previous page.",
    },
    defaultEdgeTypeOptions: { description: "One item of the page, with the cursor to page on from it." },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
});

builder.scalarType("DateTime", {
  description: "An instant, as an ISO 8601 string: a date and time with `Z` or an offset, or a date (midnight UTC); years 0001-9999.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === "string" ? parseInstant(value) : undefined;
    if (!date)
      throw new GraphQLError(
        "DateTime must be an ISO 8601 date or date-time with an offset, naming a day that exists, in years 0001-9999.",
      );
    return date;
  },
});

builder.scalarType("JSON", {
  description: "Any JSON value; the field that takes it says what shape it must have.",
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({
  description: "Every read the gateway offers; what a caller may read depends on its credentials (see viewer).",
});
builder.mutationType({
  description: "Every change the gateway offers; what a caller may change depends on its credentials (see viewer).",
});
