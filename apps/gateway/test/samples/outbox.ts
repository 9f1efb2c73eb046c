// The outbox wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const outboxSamples: Record<string, OperationSample> = {
  "Query.outbox": {
    document: "{ outbox(first: 5) { edges { node { id template recipient status attempts sentAt } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.retryNotice": {
    document: "mutation ($id: ID!) { retryNotice(id: $id) { id status } }",
    variables: async (world) => ({ id: await world.failedNoticeId() }),
    allowed: ["staff"],
    audited: true,
  },
};
