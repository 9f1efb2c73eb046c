import { describe, expect, it } from "vitest";
import { type CalendarCoverage, calendarCoverage, coverageWarnings } from "./calendar-coverage.ts";
import { addDays, daysBetween, formatCalendarDate, parseCalendarDate } from "./calendar-date.ts";
import { calendarDefects, coverageDefect } from "./calendar-freshness.ts";

// The alarm on fixed days; `pnpm calendars:check` runs it on the real day, apart from this suite.

describe("the coverage alarm itself", () => {
  const ru = calendarCoverage(new Date("2026-12-01T12:00:00Z")).find((coverage) => coverage.jurisdiction === "RU");
  if (!ru) throw new Error("no RU calendar");
  const onDay = (iso: string): CalendarCoverage => ({
    ...ru,
    daysLeft: daysBetween(parseCalendarDate(iso), parseCalendarDate(ru.lastCoveredDay)),
  });
  const searched = (searchedOn: string): CalendarCoverage => ({
    ...onDay("2026-12-10"),
    unpublished: [{ year: 2027, awaitedAct: "the decree for 2027", searchedOn, finding: "not published" }],
  });

  it("counts the days left in the jurisdiction's zone", () => {
    expect(ru.lastCoveredDay).toBe("2026-12-31");
    expect(ru.daysLeft).toBe(30);
    // 21:30 UTC on 1 December is already 2 December in Moscow.
    expect(calendarCoverage(new Date("2026-12-01T21:30:00Z")).find((c) => c.jurisdiction === "RU")?.daysLeft).toBe(29);
  });

  it("stays quiet 30 days before the end and fails 29 days before it, saying what to add", () => {
    expect(coverageDefect({ ...onDay("2026-12-01"), unpublished: [] }, "2026-12-01")).toBeNull();
    const defect = coverageDefect({ ...onDay("2026-12-02"), unpublished: [] }, "2026-12-02");
    expect(defect).toContain("Add 2027 to `years` in apps/gateway/src/laws/calendars/russia.ts");
    expect(defect).toContain("requests:rules");
  });

  it("is held off for 14 days by a recorded search, and no longer", () => {
    expect(coverageDefect(searched("2026-12-01"), "2026-12-10")).toBeNull();
    expect(coverageDefect(searched("2026-12-01"), "2026-12-14")).toBeNull();
    expect(coverageDefect(searched("2026-12-01"), "2026-12-15")).toContain("search again");
    expect(coverageDefect(searched("2026-12-20"), "2026-12-10")).toContain("search again");
  });

  it("names every calendar that runs out, as `pnpm calendars:check` prints them", () => {
    expect(calendarDefects(new Date("2026-12-01T12:00:00Z"))).toEqual([]);
    const defects = calendarDefects(new Date("2026-12-15T12:00:00Z"));
    expect(defects.map((defect) => defect.slice(0, 3))).toEqual(["RU:", "CN:"]);
    expect(defects[0]).toContain("covers days up to 2026-12-31, 16 days from 2026-12-15");
  });

  it("warns from 90 days before the end of coverage", () => {
    const lastQuietDay = addDays(parseCalendarDate("2026-12-31"), -91);
    expect(coverageWarnings(new Date(`${formatCalendarDate(lastQuietDay)}T12:00:00Z`))).toEqual([]);
    const warnings = coverageWarnings(new Date(`${formatCalendarDate(addDays(lastQuietDay, 1))}T12:00:00Z`));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^RU working-day calendar covers days up to 2026-12-31 \(90 days left\)/);
  });
});
