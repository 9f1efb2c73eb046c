// One runnable sample of every query and mutation, and who may run it, gathered from each wing's file.
// The authorisation matrix and the tenant-isolation test both walk this table.
import { accessSamples } from "./access.ts";
import { auditSamples } from "./audit.ts";
import { catalogueSamples } from "./catalogue.ts";
import { consentSamples } from "./consent.ts";
import { disclosuresSamples } from "./disclosures.ts";
import { outboxSamples } from "./outbox.ts";
import { policiesSamples } from "./policies.ts";
import { recordsSamples } from "./records.ts";
import { requestsSamples } from "./requests.ts";
import { retentionSamples } from "./retention.ts";
import type { MatrixCaller, OperationSample, Outcome } from "./sample-types.ts";
import { subjectsSamples } from "./subjects.ts";
import { systemsSamples } from "./systems.ts";
import { transfersSamples } from "./transfers.ts";

export const OPERATION_SAMPLES: Record<string, OperationSample> = {
  ...accessSamples,
  ...auditSamples,
  ...catalogueSamples,
  ...consentSamples,
  ...disclosuresSamples,
  ...outboxSamples,
  ...policiesSamples,
  ...recordsSamples,
  ...requestsSamples,
  ...retentionSamples,
  ...subjectsSamples,
  ...systemsSamples,
  ...transfersSamples,
};

export function expectedOutcome(sample: OperationSample, caller: MatrixCaller): Outcome {
  if (sample.allowed.includes(caller)) return "ALLOWED";
  return caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
}
