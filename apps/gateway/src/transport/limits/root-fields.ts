import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * The fields an operation asks for at its root, however the document spells them: through named fragments and inline
 * fragments as well as directly, each under its response key (its alias, or its name). Fields under one response key
 * are merged by graphql-js and run once, so they are one entry here; `@skip`/`@include` are not judged (a field that
 * might be skipped is listed, which errs on the side of counting it).
 */
export function rootFields(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode | undefined>): FieldNode[] {
  const byKey = new Map<string, FieldNode>();
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!byKey.has(key)) byKey.set(key, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment spread twice adds nothing new; validation has already refused cycles and unknown fragments.
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...byKey.values()];
}

/** The document's fragments by name, as Apollo's request context hands them over (`GraphQLRequestContext.document`). */
export function fragmentsOf(definitions: readonly { kind: Kind }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}
