// Writes every notice in both languages as markdown for review: `pnpm notices:doc`.
import { writeFileSync } from "node:fs";
import { noticeDocMarkdown, noticeDocPath } from "../src/outbox/notice-doc.ts";

writeFileSync(noticeDocPath, noticeDocMarkdown());
console.log(`wrote ${noticeDocPath}`);
