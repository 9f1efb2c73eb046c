// The catalogue wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const catalogueSamples: Record<string, OperationSample> = {
  "Query.purposes": {
    document: "{ purposes { key legalBasis dataCategories { key } } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.controller": {
    document: "{ controller { name email address } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
};
