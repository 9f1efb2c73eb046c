// The systems wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const systemsSamples: Record<string, OperationSample> = {
  "Mutation.createDataSystem": {
    document: "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key name dataCategories { key } processor } }",
    variables: (world) => ({ input: { key: `matrix-${world.unique()}`, name: "Matrix system", dataCategories: ["identity"] } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.retireDataSystem": {
    document: "mutation ($key: String!) { retireDataSystem(key: $key) { key retiredAt } }",
    variables: async (world) => ({ key: await world.retirableSystemKey() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.dataSystems": {
    document: "{ dataSystems(first: 5) { edges { node { key name accountSystem retiredAt dataCategories { key } } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
};
