// The policies wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const policiesSamples: Record<string, OperationSample> = {
  "Query.currentPolicies": {
    document: "query ($language: String) { currentPolicies(language: $language) { id kind version language effectiveAt material } }",
    variables: () => ({ language: "ru" }),
    allowed: EVERYONE,
    audited: false,
  },
  "Mutation.publishPolicyVersion": {
    document:
      "mutation ($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { policyVersion { id version } noticesQueued } }",
    variables: (world) => ({
      input: { kind: "PRIVACY", version: `matrix-${world.unique()}`, language: "en", effectiveAt: "2030-01-01T00:00:00Z", material: false },
    }),
    allowed: ["staff"],
    audited: true,
  },
};
