import type { GraphQLSchema } from "graphql";
import { ELEMENT_KINDS, type ElementKind, schemaElements } from "./schema-elements.ts";

export interface DescriptionCoverage {
  total: Record<ElementKind, number>;
  /** Schema coordinates without a description, per kind. */
  undescribed: Record<ElementKind, string[]>;
}

/** What of the contract a partner reads without documentation: every type, field, argument, input field and enum value. */
export function descriptionCoverage(schema: GraphQLSchema): DescriptionCoverage {
  const total = { types: 0, fields: 0, arguments: 0, inputFields: 0, enumValues: 0 };
  const undescribed: DescriptionCoverage["undescribed"] = { types: [], fields: [], arguments: [], inputFields: [], enumValues: [] };
  for (const { kind, coordinate, description } of schemaElements(schema)) {
    total[kind]++;
    if (!description?.trim()) undescribed[kind].push(coordinate);
  }
  return { total, undescribed };
}

export function coverageSummary({ total, undescribed }: DescriptionCoverage): string {
  return ELEMENT_KINDS.map((kind) => `${kind} ${total[kind] - undescribed[kind].length}/${total[kind]}`).join(", ");
}
