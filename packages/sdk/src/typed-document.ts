/**
 * What the SDK needs of a GraphQL document: its text, plus phantom types for its result and
 * variables. Structurally the same as `DocumentTypeDecoration` from `@graphql-typed-document-node/core`,
 * so GraphQL Code Generator's `TypedDocumentString` (and any plain string cast to this type) fits
 * without the SDK depending on a codegen runtime.
 */
// biome-ignore lint/complexity/noBannedTypes: codegen's TypedDocumentString is a String object (it extends String), not a primitive.
export type TypedDocument<TResult, TVariables> = (string | String) & {
  __apiType?: (variables: TVariables) => TResult;
};

/** The variables argument of `request`: optional when the operation requires none. */
export type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];
