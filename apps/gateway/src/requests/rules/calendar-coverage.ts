import type { ProvisionalRule, UnpublishedYear } from "../../laws/calendars/production-calendar.ts";
import { daysBetween, localDateOf, parseCalendarDate } from "./calendar-date.ts";
import { jurisdictionProfile } from "./jurisdictions.ts";
import { CURATED_CALENDARS } from "./working-days.ts";

/** From this many days before coverage ends, the gateway warns at start and daily. */
export const COVERAGE_WARNING_DAYS = 90;

export interface CalendarCoverage {
  readonly jurisdiction: string;
  readonly name: string;
  readonly coveredYears: readonly number[];
  readonly lastCoveredDay: string;
  /** Days from today (in the jurisdiction's zone) to the last covered day; negative once it has passed. */
  readonly daysLeft: number;
  readonly provisional: ProvisionalRule;
  readonly unpublished: readonly UnpublishedYear[];
}

/** How far each curated working-day calendar reaches, seen from `now`. */
export function calendarCoverage(now: Date): CalendarCoverage[] {
  return CURATED_CALENDARS.map(({ data, calendar: { coveredYears, lastCoveredDay } }) => {
    const today = localDateOf(now, jurisdictionProfile(data.jurisdiction, "UTC").timeZone);
    return {
      jurisdiction: data.jurisdiction,
      name: data.name,
      coveredYears,
      lastCoveredDay,
      daysLeft: daysBetween(today, parseCalendarDate(lastCoveredDay)),
      provisional: data.provisional,
      unpublished: data.unpublished,
    };
  });
}

/** The calendars whose coverage ends within `COVERAGE_WARNING_DAYS`, as one line each for the log. */
export function coverageWarnings(now: Date): string[] {
  return calendarCoverage(now)
    .filter((coverage) => coverage.daysLeft <= COVERAGE_WARNING_DAYS)
    .map(
      (coverage) =>
        `${coverage.jurisdiction} working-day calendar covers days up to ${coverage.lastCoveredDay} ` +
        `(${coverage.daysLeft} days left); later deadlines are provisional until the next year's act is added to ` +
        `laws/calendars/`,
    );
}
