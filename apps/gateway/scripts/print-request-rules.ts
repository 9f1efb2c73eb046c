// Writes the request deadline rules and authorities as markdown: `pnpm --filter @custos/gateway requests:rules`.
import { writeFileSync } from "node:fs";
import { ruleTableDocPath, ruleTableMarkdown } from "../src/requests/deadlines/rule-table-doc.ts";

writeFileSync(ruleTableDocPath, ruleTableMarkdown());
console.log(`wrote ${ruleTableDocPath}`);
