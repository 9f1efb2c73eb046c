import Holidays from "date-holidays";
import { addDays, type CalendarDate, formatCalendarDate, isWeekend } from "./calendar-date.ts";
import { CHINA_HOLIDAY_CALENDAR } from "./calendars/china.ts";
import { type ProductionCalendar, productionCalendar } from "./calendars/production-calendar.ts";
import { RUSSIA_PRODUCTION_CALENDAR } from "./calendars/russia.ts";
import { RequestRuleError } from "./rule-error.ts";

export interface WorkingDayCalendar {
  /** Where the days off come from, for the deadline's explanation. */
  readonly source: string;
  /** @throws RequestRuleError CALENDAR_NOT_COVERED when the calendar cannot answer for that year. */
  isWorkingDay(date: CalendarDate): boolean;
}

const CURATED: Record<string, { calendar: ProductionCalendar; source: string }> = {
  RU: { calendar: productionCalendar(RUSSIA_PRODUCTION_CALENDAR), source: "Russian government production calendar (curated)" },
  CN: { calendar: productionCalendar(CHINA_HOLIDAY_CALENDAR), source: "State Council holiday notices (curated)" },
};

function curatedWorkingDays(jurisdiction: string, calendar: ProductionCalendar, source: string): WorkingDayCalendar {
  return {
    source,
    isWorkingDay(date) {
      const working = calendar.isWorkingDay(date);
      if (working === undefined) {
        throw new RequestRuleError(
          "CALENDAR_NOT_COVERED",
          `No working-day calendar for ${jurisdiction} in ${date.year} (covered: ${calendar.coveredYears.join(", ")}); ` +
            "add that year's government calendar before counting working days in it.",
        );
      }
      return working;
    },
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
  };
}

export function workingDayCalendar(jurisdiction: string): WorkingDayCalendar {
  const country = jurisdiction.slice(0, 2);
  const curated = CURATED[country];
  return curated ? curatedWorkingDays(jurisdiction, curated.calendar, curated.source) : publicHolidayWorkingDays(jurisdiction);
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
