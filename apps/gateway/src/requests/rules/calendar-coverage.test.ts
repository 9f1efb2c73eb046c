import { describe, expect, it } from "vitest";
import { type CalendarCoverage, calendarCoverage, coverageWarnings } from "./calendar-coverage.ts";
import { addDays, daysBetween, formatCalendarDate, localDateOf, parseCalendarDate } from "./calendar-date.ts";

/** A calendar whose coverage ends sooner than this is a defect, unless its next act was looked for lately. */
const ALARM_DAYS = 30;
/** How long a recorded search for an unpublished act holds the alarm off. */
const SEARCH_HOLDS_DAYS = 14;

const FILES: Record<string, string> = { RU: "russia.ts", CN: "china.ts" };

/** What is wrong with this calendar's coverage on `today`, in words that say what to add; null when nothing is. */
function coverageDefect(coverage: CalendarCoverage, today: string): string | null {
  if (coverage.daysLeft >= ALARM_DAYS) return null;
  const nextYear = parseCalendarDate(coverage.lastCoveredDay).year + 1;
  const search = coverage.unpublished.find((year) => year.year === nextYear);
  const searchAge = search ? daysBetween(parseCalendarDate(search.searchedOn), parseCalendarDate(today)) : Number.POSITIVE_INFINITY;
  if (searchAge >= 0 && searchAge < SEARCH_HOLDS_DAYS) return null;
  const file = `apps/gateway/src/requests/rules/calendars/${FILES[coverage.jurisdiction] ?? "?"}`;
  return (
    `${coverage.jurisdiction}: the working-day calendar covers days up to ${coverage.lastCoveredDay}, ${coverage.daysLeft} days ` +
    `from ${today}. Add ${nextYear} to \`years\` in ${file} from ${search?.awaitedAct ?? `the act fixing ${nextYear}`}: its daysOff, ` +
    "its workingWeekendDays and the act's title and URL in source, then run `pnpm --filter @custos/gateway requests:rules`. " +
    `If the act is not published yet, search again and record it in \`unpublished\` (year ${nextYear}, searchedOn ${today}, ` +
    `what was found); a search holds this alarm for ${SEARCH_HOLDS_DAYS} days.`
  );
}

describe("working-day calendar coverage", () => {
  // The wall clock on purpose: the defect this catches is the real day coming close to the end of the data.
  const now = new Date();
  it.each(calendarCoverage(now).map((coverage) => [coverage.jurisdiction, coverage] as const))(
    "%s reaches at least 30 days past today, or its next act was looked for in the last 14 days",
    (_jurisdiction, coverage) => {
      const today = formatCalendarDate(localDateOf(now, "UTC"));
      expect(coverageDefect(coverage, today)).toBeNull();
    },
  );
});

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
    expect(defect).toContain("Add 2027 to `years` in apps/gateway/src/requests/rules/calendars/russia.ts");
    expect(defect).toContain("requests:rules");
  });

  it("is held off for 14 days by a recorded search, and no longer", () => {
    expect(coverageDefect(searched("2026-12-01"), "2026-12-10")).toBeNull();
    expect(coverageDefect(searched("2026-12-01"), "2026-12-14")).toBeNull();
    expect(coverageDefect(searched("2026-12-01"), "2026-12-15")).toContain("search again");
    expect(coverageDefect(searched("2026-12-20"), "2026-12-10")).toContain("search again");
  });

  it("warns from 90 days before the end of coverage", () => {
    const lastQuietDay = addDays(parseCalendarDate("2026-12-31"), -91);
    expect(coverageWarnings(new Date(`${formatCalendarDate(lastQuietDay)}T12:00:00Z`))).toEqual([]);
    const warnings = coverageWarnings(new Date(`${formatCalendarDate(addDays(lastQuietDay, 1))}T12:00:00Z`));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^RU working-day calendar covers days up to 2026-12-31 \(90 days left\)/);
  });
});
