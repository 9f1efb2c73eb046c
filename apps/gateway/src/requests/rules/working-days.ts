import Holidays from "date-holidays";
import { type CuratedCalendarData, type ProductionCalendar, productionCalendar } from "../../laws/calendars/production-calendar.ts";
import { LAWS } from "../../laws/registry.ts";
import { addDays, type CalendarDate, formatCalendarDate, isWeekend } from "./calendar-date.ts";

export interface WorkingDayCalendar {
  /** Where the days off come from, for the deadline's explanation. */
  readonly source: string;
  isWorkingDay(date: CalendarDate): boolean;
  /** The answer for this day comes from a provisional rule, not an official calendar: a later act may move it. */
  isProvisional(date: CalendarDate): boolean;
}

export type CuratedCalendars = readonly { readonly data: CuratedCalendarData; readonly calendar: ProductionCalendar }[];

export const curatedCalendars = (calendars: readonly CuratedCalendarData[]): CuratedCalendars =>
  calendars.map((data) => ({ data, calendar: productionCalendar(data) }));

/** The curated calendars in force, for the deadlines and for the coverage report. */
export const CURATED_CALENDARS = curatedCalendars(LAWS.flatMap((law) => (law.calendar ? [law.calendar.data] : [])));

function curatedWorkingDays(data: CuratedCalendarData, calendar: ProductionCalendar): WorkingDayCalendar {
  return {
    source: data.name,
    isWorkingDay: (date) => calendar.isWorkingDay(date),
    isProvisional: (date) => !calendar.isCovered(date),
  };
}

/**
 * Saturdays, Sundays and date-holidays' "public" holidays are days off; its other types (bank, school,
 * optional, observance) are not days off for everyone, and neither is a public holiday that starts at
 * midday (it is a half day). date-holidays is relied on alone here, for every jurisdiction without a
 * curated calendar: it computes any year, so these calendars never refuse.
 */
function publicHolidayWorkingDays(jurisdiction: string): WorkingDayCalendar {
  const [country = "", subdivision] = jurisdiction.split("-");
  const holidays = subdivision ? new Holidays(country, subdivision) : new Holidays(country);
  const daysOffByYear = new Map<number, Set<string>>();
  const daysOff = (year: number): Set<string> => {
    let days = daysOffByYear.get(year);
    if (!days) {
      days = new Set();
      for (const holiday of holidays.getHolidays(year)) {
        if (holiday.type !== "public" || !holiday.date.endsWith(" 00:00:00")) continue;
        const first = holiday.date.slice(0, 10);
        const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
        const [y = 0, m = 0, d = 0] = first.split("-").map(Number);
        for (let offset = 0; offset < length; offset++) days.add(formatCalendarDate(addDays({ year: y, month: m, day: d }, offset)));
      }
      daysOffByYear.set(year, days);
    }
    return days;
  };
  return {
    source: `public holidays of ${jurisdiction} (date-holidays)`,
    isWorkingDay: (date) => !isWeekend(date) && !daysOff(date.year).has(formatCalendarDate(date)),
    isProvisional: () => false,
  };
}

export function workingDayCalendar(jurisdiction: string, calendars: CuratedCalendars = CURATED_CALENDARS): WorkingDayCalendar {
  const curated = calendars.find(({ data }) => data.jurisdiction === jurisdiction.slice(0, 2));
  return curated ? curatedWorkingDays(curated.data, curated.calendar) : publicHolidayWorkingDays(jurisdiction);
}

export function nextWorkingDayOnOrAfter(date: CalendarDate, calendar: WorkingDayCalendar): CalendarDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * The `count`-th working day after `start` (the day of receipt itself is never counted), skipping days on
 * which the clock was stopped.
 */
export function addWorkingDays(
  start: CalendarDate,
  count: number,
  calendar: WorkingDayCalendar,
  isStopped: (date: CalendarDate) => boolean = () => false,
): CalendarDate {
  let day = start;
  for (let counted = 0; counted < count; ) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day) && !isStopped(day)) counted++;
  }
  return day;
}
