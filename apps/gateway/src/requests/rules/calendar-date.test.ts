import { describe, expect, it } from "vitest";
import { addMonths, endOfLocalDay, formatCalendarDate, isWeekend, localDateOf, parseCalendarDate } from "./calendar-date.ts";

const day = parseCalendarDate;

describe("addMonths (Regulation 1182/71 Art. 3(2)(c))", () => {
  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2025-03-31", 1, "2025-04-30"],
    ["2025-11-30", 3, "2026-02-28"],
    ["2025-12-15", 1, "2026-01-15"],
    ["2025-01-15", 3, "2025-04-15"],
  ])("%s + %i month(s) = %s", (start, months, expected) => {
    expect(formatCalendarDate(addMonths(day(start), months))).toBe(expected);
  });
});

describe("parseCalendarDate", () => {
  it("rejects days that do not exist", () => {
    expect(() => day("2025-02-29")).toThrow(TypeError);
    expect(() => day("2025-1-5")).toThrow(TypeError);
  });
});

describe("isWeekend", () => {
  it("knows Saturday and Sunday", () => {
    expect([day("2025-11-01"), day("2025-11-02"), day("2025-11-03")].map(isWeekend)).toEqual([true, true, false]);
  });
});

describe("local days", () => {
  it("takes the date in the jurisdiction's zone, not in UTC", () => {
    expect(formatCalendarDate(localDateOf(new Date("2025-12-31T22:30:00Z"), "Europe/Moscow"))).toBe("2026-01-01");
    expect(formatCalendarDate(localDateOf(new Date("2025-01-01T05:00:00Z"), "America/Los_Angeles"))).toBe("2024-12-31");
  });

  it.each([
    ["2025-01-10", "Europe/Berlin", "2025-01-10T22:59:59.999Z"],
    ["2025-07-14", "Europe/Berlin", "2025-07-14T21:59:59.999Z"],
    ["2025-03-30", "Europe/Berlin", "2025-03-30T21:59:59.999Z"],
    ["2025-10-26", "Europe/Berlin", "2025-10-26T22:59:59.999Z"],
    ["2025-03-09", "America/Los_Angeles", "2025-03-10T06:59:59.999Z"],
    ["2025-11-02", "America/Los_Angeles", "2025-11-03T07:59:59.999Z"],
    ["2026-01-21", "Europe/Moscow", "2026-01-21T20:59:59.999Z"],
    ["2026-03-11", "Asia/Shanghai", "2026-03-11T15:59:59.999Z"],
  ])("the end of %s in %s is %s, across daylight-saving changes too", (date, zone, expected) => {
    expect(endOfLocalDay(day(date), zone).toISOString()).toBe(expected);
  });
});
