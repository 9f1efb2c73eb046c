import { describe, expect, it } from "vitest";
import { addCalendarMonths, daysInMonth, earliestStartDueAfter } from "./calendar-months.ts";

const at = (iso: string) => new Date(iso);

describe("addCalendarMonths", () => {
  it.each([
    ["2025-01-15T10:30:00.000Z", 1, "2025-02-15T10:30:00.000Z"],
    ["2025-01-31T10:30:00.000Z", 1, "2025-03-01T00:00:00.000Z"],
    ["2024-01-31T10:30:00.000Z", 1, "2024-03-01T00:00:00.000Z"],
    ["2024-01-29T23:00:00.000Z", 1, "2024-02-29T23:00:00.000Z"],
    ["2025-01-28T23:59:59.999Z", 1, "2025-02-28T23:59:59.999Z"],
    ["2025-01-29T00:00:00.000Z", 1, "2025-03-01T00:00:00.000Z"],
    ["2024-02-29T08:00:00.000Z", 12, "2025-03-01T00:00:00.000Z"],
    ["2024-02-29T08:00:00.000Z", 48, "2028-02-29T08:00:00.000Z"],
    ["2023-02-28T08:00:00.000Z", 12, "2024-02-28T08:00:00.000Z"],
    ["2025-03-31T00:00:00.000Z", 1, "2025-05-01T00:00:00.000Z"],
    ["2025-08-31T12:00:00.000Z", 36, "2028-08-31T12:00:00.000Z"],
    ["2025-11-30T12:00:00.000Z", 3, "2026-03-01T00:00:00.000Z"],
    ["2025-12-15T12:00:00.000Z", 1, "2026-01-15T12:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", 1200, "2126-12-31T23:59:59.999Z"],
  ])("%s + %i months = %s", (start, months, expected) => {
    expect(addCalendarMonths(at(start), months).toISOString()).toBe(expected);
  });

  it("knows leap years, including the century rules", () => {
    expect([daysInMonth(2024, 1), daysInMonth(2025, 1), daysInMonth(2100, 1), daysInMonth(2000, 1)]).toEqual([29, 28, 28, 29]);
  });
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function* instantsFrom(startIso: string, days: number): Generator<Date> {
  const start = Date.parse(startIso);
  for (let offset = 0; offset < days; offset += 1) {
    for (const time of [0, 1, 12 * HOUR + 34_567, DAY - 1]) yield new Date(start + offset * DAY + time);
  }
}

describe("earliestStartDueAfter", () => {
  it.each([1, 2, 11, 12, 13, 36, 48])("is the exact boundary of addCalendarMonths for %i months", (months) => {
    for (const now of instantsFrom("2023-12-01T00:00:00.000Z", 3 * 366 + 62)) {
      const boundary = earliestStartDueAfter(now, months);
      const justBefore = new Date(boundary.getTime() - 1);
      expect(addCalendarMonths(justBefore, months) <= now, `${months} months, now ${now.toISOString()}`).toBe(true);
      expect(addCalendarMonths(boundary, months) > now, `${months} months, now ${now.toISOString()}`).toBe(true);
    }
  });

  it.each([1, 12, 13, 36])("sits on a due date that never goes backwards for %i months", (months) => {
    let previous = new Date(0);
    for (const start of instantsFrom("2023-01-01T00:00:00.000Z", 3 * 366 + 62)) {
      const due = addCalendarMonths(start, months);
      expect(due >= previous, start.toISOString()).toBe(true);
      previous = due;
    }
  });

  it("gathers the overflowing days of the month before into the first instant of a month", () => {
    expect(earliestStartDueAfter(at("2025-02-28T23:59:59.999Z"), 1).toISOString()).toBe("2025-01-29T00:00:00.000Z");
    expect(earliestStartDueAfter(at("2025-03-01T00:00:00.000Z"), 1).toISOString()).toBe("2025-02-01T00:00:00.001Z");
    expect(earliestStartDueAfter(at("2025-03-30T10:00:00.000Z"), 1).toISOString()).toBe("2025-03-01T00:00:00.000Z");
  });
});
