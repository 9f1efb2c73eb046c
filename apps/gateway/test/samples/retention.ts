// The retention wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const retentionSamples: Record<string, OperationSample> = {
  "Query.retentionPolicies": {
    document: "{ retentionPolicies { id dataCategory { key } periodMonths trigger action legalBasis description } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.legalHolds": {
    document: "{ legalHolds(first: 5) { edges { node { id subjectId dataCategory { key } reason expiresAt active } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.retentionRuns": {
    document:
      "{ retentionRuns(first: 5) { edges { node { id dryRun status startedBy counts { dataCategory processed held tasksQueued } } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.retentionTasks": {
    document:
      "{ retentionTasks(first: 5) { edges { node { id dataSystem dataCategory { key } action clockStartBefore heldSubjectIds status } } } }",
    variables: () => ({}),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Mutation.setRetentionPolicy": {
    document: "mutation ($input: SetRetentionPolicyInput!) { setRetentionPolicy(input: $input) { id periodMonths description } }",
    variables: () => ({ input: { dataCategory: "support", trigger: "REQUEST_CLOSED", action: "DELETE", legalBasis: "LEGAL_OBLIGATION" } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.placeLegalHold": {
    document: "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id subjectId active } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, reason: "pending litigation" } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.releaseLegalHold": {
    document: "mutation ($id: ID!) { releaseLegalHold(id: $id) { id releasedAt active } }",
    variables: async (world) => ({ id: await world.legalHoldId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.sweepRetention": {
    document: "mutation { sweepRetention(dryRun: true) { id dryRun status counts { dataCategory processed held tasksQueued } } }",
    variables: () => ({}),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.completeRetentionTask": {
    document: "mutation ($id: ID!) { completeRetentionTask(id: $id) { id status completedAt } }",
    variables: async (world) => ({ id: await world.retentionTaskId() }),
    allowed: ["service", "staff"],
    audited: true,
  },
};
