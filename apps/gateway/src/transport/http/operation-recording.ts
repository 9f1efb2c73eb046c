import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../../ground/context.ts";
import { fragmentsOf, rootFields } from "../limits/root-fields.ts";
import { PUBLIC_CATALOGUE_FIELDS } from "./public-answers.ts";

/** Notes the operation and the codes of the errors sent, for the request's access log line and the metrics. */
export const operationRecording: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation, operationName }) {
        // The first root field, found inside a fragment too: a label the schema bounds, whatever the document's shape.
        const first = operation && rootFields(operation, fragmentsOf(document.definitions))[0];
        if (operation) contextValue.record.field = `${operation.operation}.${first?.name.value ?? "none"}`;
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
