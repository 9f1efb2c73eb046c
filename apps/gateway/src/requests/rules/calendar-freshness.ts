// Whether the curated working-day calendars still reach far enough ahead of a given day (pure).
// Run against the real day by `pnpm calendars:check`, never inside the unit suite: the suite must pass on any day.
import { LAWS } from "../../laws/registry.ts";
import { type CalendarCoverage, calendarCoverage } from "./calendar-coverage.ts";
import { daysBetween, formatCalendarDate, localDateOf, parseCalendarDate } from "./calendar-date.ts";

/** A calendar whose coverage ends sooner than this is a defect, unless its next act was looked for lately. */
export const ALARM_DAYS = 30;
/** How long a recorded search for an unpublished act holds the alarm off. */
export const SEARCH_HOLDS_DAYS = 14;

/** What is wrong with this calendar's coverage on `today`, in words that say what to add; null when nothing is. */
export function coverageDefect(coverage: CalendarCoverage, today: string): string | null {
  if (coverage.daysLeft >= ALARM_DAYS) return null;
  const nextYear = parseCalendarDate(coverage.lastCoveredDay).year + 1;
  const search = coverage.unpublished.find((year) => year.year === nextYear);
  const searchAge = search ? daysBetween(parseCalendarDate(search.searchedOn), parseCalendarDate(today)) : Number.POSITIVE_INFINITY;
  if (searchAge >= 0 && searchAge < SEARCH_HOLDS_DAYS) return null;
  const calendarFile = LAWS.find((law) => law.calendar?.data.jurisdiction === coverage.jurisdiction)?.calendar?.file ?? "?";
  const file = `apps/gateway/src/laws/calendars/${calendarFile}`;
  return (
    `${coverage.jurisdiction}: the working-day calendar covers days up to ${coverage.lastCoveredDay}, ${coverage.daysLeft} days ` +
    `from ${today}. Add ${nextYear} to \`years\` in ${file} from ${search?.awaitedAct ?? `the act fixing ${nextYear}`}: its daysOff, ` +
    "its workingWeekendDays and the act's title and URL in source, then run `pnpm --filter @custos/gateway requests:rules`. " +
    `If the act is not published yet, search again and record it in \`unpublished\` (year ${nextYear}, searchedOn ${today}, ` +
    `what was found); a search holds this alarm for ${SEARCH_HOLDS_DAYS} days.`
  );
}

/** Every calendar's defect on the day of `now` (UTC), empty when all reach far enough. */
export function calendarDefects(now: Date): string[] {
  const today = formatCalendarDate(localDateOf(now, "UTC"));
  return calendarCoverage(now).flatMap((coverage) => coverageDefect(coverage, today) ?? []);
}
