import { addDays, type CalendarDate, formatCalendarDate, isWeekend, parseCalendarDate } from "../calendar-date.ts";

/**
 * One year of a government's published working-day calendar: the days off it declares (public holidays and
 * the days they were moved to) and the weekend days it turns into working days. Weekdays not listed are
 * working days, weekend days not listed are days off.
 */
export interface ProductionCalendarYear {
  readonly year: number;
  readonly source: { readonly act: string; readonly url: string };
  readonly daysOff: readonly string[];
  readonly workingWeekendDays: readonly string[];
}

/** Every day from `first` to `last` inclusive, as the notices state holiday periods ("1月28日至2月4日"). */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  const end = formatCalendarDate(parseCalendarDate(last));
  for (let day = parseCalendarDate(first); formatCalendarDate(day) <= end; day = addDays(day, 1)) {
    days.push(formatCalendarDate(day));
  }
  return days;
}

export interface ProductionCalendar {
  readonly coveredYears: readonly number[];
  /** `undefined` when the year is not covered: the caller decides how to refuse. */
  isWorkingDay(date: CalendarDate): boolean | undefined;
}

export function productionCalendar(years: readonly ProductionCalendarYear[]): ProductionCalendar {
  const byYear = new Map(years.map((year) => [year.year, { daysOff: new Set(year.daysOff), working: new Set(year.workingWeekendDays) }]));
  return {
    coveredYears: years.map((year) => year.year),
    isWorkingDay(date) {
      const year = byYear.get(date.year);
      if (!year) return undefined;
      const iso = formatCalendarDate(date);
      if (year.working.has(iso)) return true;
      return !isWeekend(date) && !year.daysOff.has(iso);
    },
  };
}
