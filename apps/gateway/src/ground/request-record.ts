import type { ServerResponse } from "node:http";

/** What the access log line and the metrics say about one request, filled in as the gateway learns it. */
export interface RequestRecord {
  requestId?: string;
  callerKind?: string;
  /** The operation's name as the client sent it (its own label, at most 100 characters). */
  operationName?: string;
  /** `query.purposes`: the operation type and its first root field (through fragments too), a label the schema bounds. */
  field?: string;
  errorCodes: string[];
  /** A query of public catalogue fields alone, whose answer may be kept (transport/http/public-answers.ts). */
  publicCatalogue?: boolean;
}

const records = new WeakMap<ServerResponse, RequestRecord>();

export function recordOf(res: ServerResponse): RequestRecord {
  let record = records.get(res);
  if (!record) {
    record = { errorCodes: [] };
    records.set(res, record);
  }
  return record;
}
