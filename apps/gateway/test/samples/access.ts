// The access wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const accessSamples: Record<string, OperationSample> = {
  "Query.viewer": {
    document: "{ viewer { kind tenant } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.apiKeys": {
    document: "{ apiKeys(first: 5) { edges { node { id prefix kind name dataSystem processor revokedAt } } pageInfo { hasNextPage } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Mutation.createApiKey": {
    document: "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { token key { prefix kind } } }",
    variables: (world) => ({ input: { kind: "AUDITOR", name: `matrix ${world.unique()}` } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.revokeApiKey": {
    document: "mutation ($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix revokedAt } }",
    variables: async (world) => ({ prefix: await world.revocableKeyPrefix() }),
    allowed: ["staff"],
    audited: true,
  },
};
