import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { printSchemaFile, schemaFilePath } from "./printed.ts";

it("schema.graphql is the printed schema (run `pnpm --filter @custos/gateway schema:print` after changing it)", () => {
  expect(readFileSync(schemaFilePath, "utf8")).toBe(printSchemaFile());
});
