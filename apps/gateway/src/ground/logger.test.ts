import { describe, expect, it } from "vitest";
import { createJsonLogger } from "./logger.ts";

describe("the JSON log", () => {
  it("writes one line per entry with time, level and message, and redacts personal data a caller passes by mistake", () => {
    const lines: string[] = [];
    const log = createJsonLogger((line) => lines.push(line));
    log.warn("notice refused", { noticeId: "n-1", recipient: "ivan@example.com", nested: { email: "olga@example.com" } });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry).toMatchObject({
      level: "warn",
      message: "notice refused",
      noticeId: "n-1",
      recipient: "[redacted]",
      nested: { email: "[redacted]" },
    });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines[0]).not.toContain("example.com");
  });

  it("leaves out entries below its level", () => {
    const lines: string[] = [];
    const log = createJsonLogger((line) => lines.push(line), "warn");
    log.info("routine");
    log.error("broken");
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(["broken"]);
  });
});
