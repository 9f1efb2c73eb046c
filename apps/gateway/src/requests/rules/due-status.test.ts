import { describe, expect, it } from "vitest";
import { dueStatus } from "./due-status.ts";

const dueAt = new Date("2025-03-31T23:59:59.999Z");
const hours = (count: number) => count * 3_600_000;
/** The README's promise: `dueSoon` within 3 days of the deadline. */
const THREE_DAYS_MS = hours(72);

describe("dueStatus", () => {
  it("is on track outside the window", () => {
    expect(dueStatus(dueAt, new Date(dueAt.getTime() - THREE_DAYS_MS - 1)).state).toBe("on-track");
  });

  it("is due soon inside the window, up to the last millisecond", () => {
    expect(dueStatus(dueAt, new Date(dueAt.getTime() - THREE_DAYS_MS)).state).toBe("due-soon");
    expect(dueStatus(dueAt, dueAt)).toEqual({ state: "due-soon", msRemaining: 0 });
  });

  it("is overdue once the day has ended", () => {
    expect(dueStatus(dueAt, new Date("2025-04-01T00:00:00Z"))).toEqual({ state: "overdue", msRemaining: -1 });
  });

  it("takes a window of the caller's choice", () => {
    const now = new Date(dueAt.getTime() - hours(30));
    expect(dueStatus(dueAt, now, hours(24)).state).toBe("on-track");
    expect(dueStatus(dueAt, now, hours(48)).state).toBe("due-soon");
  });
});
