// Test support: fast-check arbitraries for GraphQL requests built from the printed schema, so every query and
// mutation (and each one added later) is fuzzed with values a careless or hostile client could send.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";

export const printedSchema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

/** Values a sample world makes meaningful (existing ids, keys, tokens), mixed into every string. */
export interface KnownValues {
  strings: readonly string[];
}

const NASTY_STRINGS = [
  "",
  " ",
  "a\u0000b",
  "\u0000",
  "%",
  "_",
  "%_%",
  '\'; DROP TABLE "ConsentEvent"; --',
  "../../etc/passwd",
  "\ud800",
  "😀".repeat(50),
  "x".repeat(5000),
  "\u202e",
  "<script>alert(1)</script>",
  "null",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "2026-02-30",
  "-010000-01-01T00:00:00Z",
  "R1BDOlM6bm9wZQ==",
  "victim+1@example.com",
  "%@%.%%",
];
const DATES = [
  "2027-01-15T10:00:00Z",
  "2020-01-01T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "-010000-01-01T00:00:00Z",
  "275760-09-13T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2026-13-01",
  "2026-01-01",
  "yesterday",
  "",
];
const INTS = [0, 1, -1, 5, 20, 100, 101, 10_000, -2_147_483_648, 2_147_483_647];

function stringValue(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known.strings) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.emailAddress() },
  );
}

function scalarValue(name: string, known: KnownValues): fc.Arbitrary<unknown> {
  switch (name) {
    case "Int":
      return fc.oneof(fc.constantFrom(...INTS), fc.integer(), fc.constant(2 ** 40), fc.constant(1.5));
    case "Float":
      return fc.oneof(fc.double(), fc.constantFrom(0, -1, 1e308));
    case "Boolean":
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant("true") });
    case "DateTime":
      return fc.oneof(
        fc.constantFrom(...DATES),
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      );
    case "JSON":
      return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ orders: [{ id: "o-1" }] }));
    default:
      return stringValue(known);
  }
}

function inputValue(type: GraphQLInputType, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    // Now and then a null where one is required: the coercion must refuse it with a code.
    return fc.oneof({ weight: 20, arbitrary: inputValue(type.ofType, known, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  if (isListType(type)) return fc.array(inputValue(type.ofType, known, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom("NOPE", "granted", "") },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((field) => [field.name, inputValue(field.type, known, depth + 1)]));
    const requiredKeys = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.record(shape, { requiredKeys });
  }
  if (isScalarType(type)) return scalarValue(type.name, known);
  return fc.constant(null);
}

/** Leaf fields without required arguments, one level of objects below: a selection any caller could ask for. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named) && !isInterfaceType(named)) return "{ __typename }";
  const fields = Object.values(named.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type)));
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type))).map((field) => field.name);
  const objects = depth < 2 ? fields.filter((field) => !isLeafType(getNamedType(field.type))).slice(0, 3) : [];
  const nested = objects.map((field) => `${field.name} ${selection(field.type, depth + 1)}`);
  return `{ __typename ${[...leaves, ...nested].join(" ")} }`;
}

function argumentDeclaration(arg: GraphQLArgument): string {
  return `$${arg.name}: ${String(arg.type)}`;
}

export interface FuzzOperation {
  /** `Query.auditLog`, `Mutation.recordConsent`. */
  name: string;
  kind: "query" | "mutation";
  query: string;
  variables: Record<string, unknown>;
}

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>, known: KnownValues): fc.Arbitrary<FuzzOperation> {
  const declarations = field.args.map(argumentDeclaration);
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const head = declarations.length > 0 ? `${kind} (${declarations.join(", ")})` : kind;
  const call = passed.length > 0 ? `${field.name}(${passed.join(", ")})` : field.name;
  const query = `${head} { ${call} ${selection(field.type, 0)} }`;
  const shape = Object.fromEntries(field.args.map((arg) => [arg.name, inputValue(arg.type, known, 0)]));
  return fc
    .record(shape, { requiredKeys: [] })
    .map((variables) => ({ name: `${kind === "query" ? "Query" : "Mutation"}.${field.name}`, kind, query, variables }));
}

/** One operation of the printed schema, any of them, with fuzzed variables. */
export function anyOperation(known: KnownValues): fc.Arbitrary<FuzzOperation> {
  const roots = [
    ["query", printedSchema.getQueryType()],
    ["mutation", printedSchema.getMutationType()],
  ] as const;
  const operations = roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => operationFor(kind, field, known)),
  );
  return fc.oneof(...operations);
}

/** A valid document broken the ways a client breaks one: cut short, a character flipped, braces unbalanced, junk. */
export function brokenDocument(known: KnownValues): fc.Arbitrary<FuzzOperation> {
  return fc
    .tuple(
      anyOperation(known),
      fc.nat(),
      fc.constantFrom("cut", "flip", "brace", "junk", "subscription", "nul"),
      fc.string({ unit: "binary", maxLength: 8 }),
    )
    .map(([operation, at, how, junk]) => {
      const { query } = operation;
      const position = at % Math.max(1, query.length);
      const broken = {
        cut: query.slice(0, position),
        flip: `${query.slice(0, position)}${junk || "!"}${query.slice(position + 1)}`,
        brace: `${query}}`.replace("{", ""),
        junk: junk + query,
        subscription: query.replace(/^(query|mutation)/, "subscription"),
        nul: query.replace("{", "{ \u0000"),
      }[how];
      return { ...operation, name: `${operation.name} (${how})`, query: broken };
    });
}
