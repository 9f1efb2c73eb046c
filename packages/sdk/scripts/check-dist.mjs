// Loads the built package the way consumers will, through its exports map, both as ESM and as CommonJS.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const fromImport = await import("@custos/sdk");
const fromRequire = require("@custos/sdk");

for (const [how, sdk] of [
  ["import", fromImport],
  ["require", fromRequire],
]) {
  assert.equal(typeof sdk.createClient, "function", `${how}("@custos/sdk").createClient`);
  assert.equal(typeof sdk.CustosError, "function", `${how}("@custos/sdk").CustosError`);
}
console.log("dist loads through both import and require");
