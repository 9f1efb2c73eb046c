import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";

export const ELEMENT_KINDS = ["types", "fields", "arguments", "inputFields", "enumValues"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export interface SchemaElement {
  kind: ElementKind;
  /** Its schema coordinate, e.g. `Query.consentState(subjectId:)`. */
  coordinate: string;
  description: string | null | undefined;
  deprecationReason: string | null | undefined;
}

/** Every type (but GraphQL's own), field, argument, input field and enum value of a schema. */
export function* schemaElements(schema: GraphQLSchema): Generator<SchemaElement> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    yield { kind: "types", coordinate: type.name, description: type.description, deprecationReason: undefined };
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        yield { kind: "fields", coordinate, description: field.description, deprecationReason: field.deprecationReason };
        for (const arg of field.args) {
          yield {
            kind: "arguments",
            coordinate: `${coordinate}(${arg.name}:)`,
            description: arg.description,
            deprecationReason: arg.deprecationReason,
          };
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        yield {
          kind: "inputFields",
          coordinate: `${type.name}.${field.name}`,
          description: field.description,
          deprecationReason: field.deprecationReason,
        };
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        yield {
          kind: "enumValues",
          coordinate: `${type.name}.${value.name}`,
          description: value.description,
          deprecationReason: value.deprecationReason,
        };
      }
    }
  }
}
