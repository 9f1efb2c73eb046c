// Codegen writes each operation as a top-level `new TypedDocumentString(...)`, which bundlers must keep in case the
// constructor has side effects. It has none, so each one is marked pure: an app bundles only the documents it calls.
import { readFile, writeFile } from "node:fs/promises";

const file = new URL("../generated/graphql.ts", import.meta.url);
const source = await readFile(file, "utf8");
const marked = source.replaceAll(/= (?:\/\* #__PURE__ \*\/ )?new TypedDocumentString\(/g, "= /* #__PURE__ */ new TypedDocumentString(");
const count = marked.split("/* #__PURE__ */").length - 1;
if (count === 0) throw new Error("mark-pure: no TypedDocumentString in generated/graphql.ts; did codegen's output change?");
await writeFile(file, marked);
console.log(`mark-pure: ${count} generated documents marked pure`);
