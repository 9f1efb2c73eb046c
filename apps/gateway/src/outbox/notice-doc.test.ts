import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { noticeDocMarkdown, noticeDocPath } from "./notice-doc.ts";

it("docs/notices.md is generated from the notice catalogues (run `pnpm notices:doc` after changing them)", () => {
  expect(readFileSync(noticeDocPath, "utf8")).toBe(noticeDocMarkdown());
});
