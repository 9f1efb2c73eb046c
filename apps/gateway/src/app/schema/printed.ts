import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { schema } from "./index.ts";

/** The committed contract: apps/gateway/schema.graphql. */
export const schemaFilePath = fileURLToPath(new URL("../../../schema.graphql", import.meta.url));

export function printSchemaFile(): string {
  return `${printSchema(schema)}\n`;
}
