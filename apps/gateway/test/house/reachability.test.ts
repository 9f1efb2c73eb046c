// Every source file is code a production entry runs: test support, samples and benchmarks live in test/ and bench/.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const gatewayDir = fileURLToPath(new URL("../../", import.meta.url));
/** What is run in production: the gateway, its package entry, its commands and the scripts behind `pnpm` commands. */
const PRODUCTION_ENTRIES = [
  "src/main.ts",
  "src/index.ts",
  "src/app/cli/keys.ts",
  "src/app/cli/systems.ts",
  "src/app/cli/retention.ts",
  "scripts/print-schema.ts",
  "scripts/print-request-rules.ts",
  "scripts/print-notices.ts",
  "scripts/check-calendars.ts",
];

it("leaves no source file unreached by a production entry", () => {
  const { config } = ts.readConfigFile(`${gatewayDir}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, gatewayDir);
  const program = ts.createProgram({ rootNames: PRODUCTION_ENTRIES.map((entry) => gatewayDir + entry), options });
  const reached = new Set(program.getSourceFiles().map((file) => file.fileName));
  const sources = readdirSync(`${gatewayDir}src`, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => `${gatewayDir}src/${file}`);
  expect(sources.filter((file) => !reached.has(file)).map((file) => file.slice(gatewayDir.length))).toEqual([]);
});
