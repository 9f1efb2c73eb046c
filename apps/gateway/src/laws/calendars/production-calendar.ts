import { addDays, type CalendarDate, formatCalendarDate, isWeekend, parseCalendarDate } from "../../requests/rules/calendar-date.ts";

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

/**
 * A year whose act was looked for and not found. Recorded, with the day of the search, so that the coverage
 * alarm can tell "nobody looked" (a defect) from "the act is not published yet" (which only a fresh search shows).
 */
export interface UnpublishedYear {
  readonly year: number;
  /** The act that will fix the year, as it is usually titled. */
  readonly awaitedAct: string;
  readonly searchedOn: string;
  readonly finding: string;
}

/**
 * How days of a year without an official calendar are counted: every day is a working day except the days the
 * statute makes days off in every year. Its argument for being safe is in `argument`, shown in RULES.md.
 */
export interface ProvisionalRule {
  /** `MM-DD` days off in every year, whatever the year's act says. */
  readonly statutoryDaysOff: readonly string[];
  readonly citation: string;
  readonly argument: string;
}

export interface CuratedCalendarData {
  readonly jurisdiction: string;
  readonly name: string;
  readonly years: readonly ProductionCalendarYear[];
  readonly unpublished: readonly UnpublishedYear[];
  readonly provisional: ProvisionalRule;
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

/** The provisional rule's answer: a working day unless the statute makes it a day off in every year. */
export function provisionallyWorking(rule: ProvisionalRule, date: CalendarDate): boolean {
  return !rule.statutoryDaysOff.includes(formatCalendarDate(date).slice(5));
}

export interface ProductionCalendar {
  readonly coveredYears: readonly number[];
  /** The last day an official act covers; after it, days are counted by the provisional rule. */
  readonly lastCoveredDay: string;
  isCovered(date: CalendarDate): boolean;
  /** The official answer in a covered year; the provisional rule's answer in any other. */
  isWorkingDay(date: CalendarDate): boolean;
}

export function productionCalendar(data: CuratedCalendarData): ProductionCalendar {
  const byYear = new Map(
    data.years.map((year) => [year.year, { daysOff: new Set(year.daysOff), working: new Set(year.workingWeekendDays) }]),
  );
  const coveredYears = data.years.map((year) => year.year).sort((a, b) => a - b);
  const lastYear = coveredYears.at(-1);
  const firstYear = coveredYears[0];
  // Coverage is one unbroken run of years, so that "the last covered day" means every earlier day is official.
  if (firstYear === undefined || lastYear === undefined || lastYear - firstYear + 1 !== coveredYears.length) {
    throw new Error(`${data.name}: curated years must be consecutive, not ${coveredYears.join(", ")}`);
  }
  return {
    coveredYears,
    lastCoveredDay: `${lastYear}-12-31`,
    isCovered: (date) => byYear.has(date.year),
    isWorkingDay(date) {
      const year = byYear.get(date.year);
      if (!year) return provisionallyWorking(data.provisional, date);
      const iso = formatCalendarDate(date);
      if (year.working.has(iso)) return true;
      return !isWeekend(date) && !year.daysOff.has(iso);
    },
  };
}
