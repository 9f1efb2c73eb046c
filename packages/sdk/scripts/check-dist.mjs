// Loads the built package the way consumers will, through its exports map, both as ESM and as CommonJS, per entry.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ENTRIES = {
  "@custos/sdk": ["createClient", "createAppClient", "createStorefrontClient", "createConsentManager", "createVisitorId"],
  "@custos/sdk/storefront": ["createConsentManager", "createStorefrontClient", "createVisitorId"],
  "@custos/sdk/apps": ["createAppClient"],
  "@custos/sdk/staff": ["createClient"],
};

const errorClasses = [];
for (const [entry, names] of Object.entries(ENTRIES)) {
  for (const [how, sdk] of [
    ["import", await import(entry)],
    ["require", require(entry)],
  ]) {
    for (const name of [...names, "CustosError"]) assert.equal(typeof sdk[name], "function", `${how}("${entry}").${name}`);
    errorClasses.push([`${how}("${entry}")`, sdk.CustosError]);
  }
}
// One identity for every copy: an error thrown by one is an instance of each (a shop mixing ESM and CJS still branches on it).
for (const [thrownBy, Thrown] of errorClasses) {
  const error = new Thrown("test", { code: "NETWORK_ERROR" });
  for (const [caughtBy, Caught] of errorClasses)
    assert.ok(error instanceof Caught, `an error from ${thrownBy} is instanceof ${caughtBy}'s CustosError`);
  assert.ok(!(new Error("plain") instanceof Thrown), "a plain Error is not a CustosError");
}
console.log(
  `dist loads through import and require for ${Object.keys(ENTRIES).length} entry points; CustosError is one class across ${errorClasses.length} copies`,
);
