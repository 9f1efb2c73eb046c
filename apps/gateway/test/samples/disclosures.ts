// The disclosures wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const disclosuresSamples: Record<string, OperationSample> = {
  "Query.disclosures": {
    document:
      "{ disclosures(first: 5) { edges { node { id subjectId authority instrument dataDisclosed subjectNotified notNotifiedReason noticeOwed } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.recordDisclosure": {
    document: "mutation ($input: RecordDisclosureInput!) { recordDisclosure(input: $input) { id noticeOwed } }",
    variables: (world) => ({
      input: {
        subjectId: world.shopperId,
        authority: "District court",
        instrument: "COURT_ORDER",
        legalBasis: "Civil procedure code, art. 57",
        dataDisclosed: "identity, orders",
        disclosedAt: "2026-03-01T00:00:00.000Z",
        subjectNotified: false,
        notNotifiedReason: "non-disclosure order",
        noticeAllowedAfter: "2026-06-01T00:00:00.000Z",
      },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.recordDisclosureNotice": {
    document: "mutation ($id: ID!) { recordDisclosureNotice(id: $id) { id noticeGivenAt noticeOwed } }",
    variables: async (world) => ({ id: await world.disclosureId() }),
    allowed: ["staff"],
    audited: true,
  },
};
