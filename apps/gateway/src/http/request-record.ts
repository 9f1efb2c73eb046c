import type { ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context.ts";
import { PUBLIC_CATALOGUE_FIELDS } from "./public-answers.ts";

/** What the access log line and the metrics say about one request, filled in as the gateway learns it. */
export interface RequestRecord {
  requestId?: string;
  callerKind?: string;
  /** The operation's name as the client sent it (its own label, at most 100 characters). */
  operationName?: string;
  /** `query.purposes`: the operation type and its first root field, a label the schema bounds. */
  field?: string;
  errorCodes: string[];
  /** A query of public catalogue fields alone, whose answer may be kept (http/public-answers.ts). */
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

/** Notes the operation and the codes of the errors sent, for the request's access log line and the metrics. */
export const operationRecording: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, operationName }) {
        const first = operation?.selectionSet.selections[0];
        if (operation) contextValue.record.field = `${operation.operation}.${first?.kind === "Field" ? first.name.value : "fragment"}`;
        if (operationName) contextValue.record.operationName = operationName.slice(0, 100);
        contextValue.record.publicCatalogue =
          operation?.operation === "query" &&
          operation.selectionSet.selections.every(
            (selection) => selection.kind === "Field" && PUBLIC_CATALOGUE_FIELDS.has(selection.name.value) && !selection.directives?.length,
          );
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== "single") return;
        for (const error of response.body.singleResult.errors ?? []) {
          const code = error.extensions?.code;
          if (typeof code === "string") contextValue.record.errorCodes.push(code);
        }
      },
    };
  },
};
