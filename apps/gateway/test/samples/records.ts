// The records wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const recordsSamples: Record<string, OperationSample> = {
  "Query.recordsOfProcessing": {
    document: "{ recordsOfProcessing(format: HTML) }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
};
