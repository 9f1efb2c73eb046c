// Writes the public contract, schema.graphql, from the code-first schema: `pnpm --filter @custos/gateway schema:print`.
import { writeFileSync } from "node:fs";
import { printSchemaFile, schemaFilePath } from "../src/app/schema/printed.ts";

writeFileSync(schemaFilePath, printSchemaFile());
console.log(`wrote ${schemaFilePath}`);
