// A partner's CommonJS script against the installed @custos/sdk.
const { readFileSync } = require("node:fs");
const { createClient } = require("@custos/sdk");

const schema = readFileSync(require.resolve("@custos/sdk/schema.graphql"), "utf8");
createClient({ url: process.argv[2] })
  .catalogue.purposes()
  .then((purposes) => {
    const version = require("@custos/sdk/package.json").version;
    console.log(JSON.stringify({ version, purposes: purposes.length, schemaHasQuery: schema.includes("type Query {") }));
  });
