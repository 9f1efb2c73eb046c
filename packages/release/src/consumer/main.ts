// A partner's ESM TypeScript program, compiled with tsc against the installed @custos/sdk.
import { CustosError, createClient, type Purpose } from "@custos/sdk";

// The registry under test serves only @custos/*, so this project has no @types/node: declare what it uses.
declare const process: { argv: string[] };

const [url] = process.argv.slice(2);
if (!url) throw new Error("usage: node main.js <graphql url>");
const custos = createClient({ url });

const purposes: Purpose[] = await custos.catalogue.purposes();
let refusal = "none";
try {
  await custos.consent.get("cust-42");
} catch (error) {
  if (error instanceof CustosError) refusal = error.code;
}
console.log(JSON.stringify({ purposes: purposes.map((purpose) => purpose.key), refusal }));
