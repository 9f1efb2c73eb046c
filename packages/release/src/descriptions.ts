import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";

export const DESCRIBABLE_KINDS = ["types", "fields", "arguments", "inputFields", "enumValues"] as const;
export type DescribableKind = (typeof DESCRIBABLE_KINDS)[number];

export interface DescriptionCoverage {
  total: Record<DescribableKind, number>;
  /** Schema coordinates without a description, per kind. */
  undescribed: Record<DescribableKind, string[]>;
}

/** What of the contract a partner reads without documentation: every type, field, argument, input field and enum value. */
export function descriptionCoverage(schema: GraphQLSchema): DescriptionCoverage {
  const total = { types: 0, fields: 0, arguments: 0, inputFields: 0, enumValues: 0 };
  const undescribed: DescriptionCoverage["undescribed"] = { types: [], fields: [], arguments: [], inputFields: [], enumValues: [] };
  const count = (kind: DescribableKind, coordinate: string, description: string | null | undefined) => {
    total[kind]++;
    if (!description?.trim()) undescribed[kind].push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    count("types", type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        count("fields", `${type.name}.${field.name}`, field.description);
        for (const arg of field.args) count("arguments", `${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) count("inputFields", `${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) count("enumValues", `${type.name}.${value.name}`, value.description);
    }
  }
  return { total, undescribed };
}

export function coverageSummary({ total, undescribed }: DescriptionCoverage): string {
  return DESCRIBABLE_KINDS.map((kind) => `${kind} ${total[kind] - undescribed[kind].length}/${total[kind]}`).join(", ");
}
