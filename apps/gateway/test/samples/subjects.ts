// The subjects wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const subjectsSamples: Record<string, OperationSample> = {
  "Mutation.registerSubjectContact": {
    document: "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId email language } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, email: `matrix-${world.unique()}@example.com`, language: "ru" } }),
    // The service key of the matrix is the account system's; other apps' keys are refused (subjects/contacts.test.ts).
    allowed: ["service", "staff"],
    audited: true,
  },
  "Query.subjectContact": {
    document: "query ($subjectId: String!) { subjectContact(subjectId: $subjectId) { subjectId email emailVerifiedAt } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
};
