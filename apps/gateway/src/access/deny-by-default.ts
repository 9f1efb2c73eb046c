import { type GraphQLSchema, isObjectType } from "graphql";

/** Relay's wrappers hold no records of their own; what they hold is checked on its own type. */
const PLUMBING = /(Connection|Edge)$|^PageInfo$/;

function hasRule(extensions: { readonly pothosOptions?: unknown } | null | undefined): boolean {
  const options = extensions?.pothosOptions as { authScopes?: unknown } | undefined;
  return options?.authScopes !== undefined;
}

/**
 * Deny by default: every root field must state who may call it, and every other object type who
 * may see it. Run when the schema is built, so a field without a rule fails the build.
 */
export function unguardedSchemaElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (!hasRule(field.extensions)) missing.push(`${root?.name}.${field.name}`);
    }
  }
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith("__") || PLUMBING.test(type.name)) continue;
    if (!hasRule(type.extensions)) missing.push(type.name);
  }
  return missing;
}

export function assertDenyByDefault(schema: GraphQLSchema): GraphQLSchema {
  const missing = unguardedSchemaElements(schema);
  if (missing.length > 0) throw new Error(`No authScopes rule on: ${missing.join(", ")}`);
  return schema;
}
