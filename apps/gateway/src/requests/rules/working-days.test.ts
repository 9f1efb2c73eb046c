import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { CHINA_HOLIDAY_CALENDAR } from "../../laws/calendars/china.ts";
import { type CuratedCalendarData, provisionallyWorking } from "../../laws/calendars/production-calendar.ts";
import { RUSSIA_PRODUCTION_CALENDAR } from "../../laws/calendars/russia.ts";
import { addDays, type CalendarDate, formatCalendarDate, isWeekend, parseCalendarDate } from "./calendar-date.ts";
import { addWorkingDays, nextWorkingDayOnOrAfter, type WorkingDayCalendar, workingDayCalendar } from "./working-days.ts";

const day = parseCalendarDate;

function daysOfYear(year: number): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let date = { year, month: 1, day: 1 }; date.year === year; date = addDays(date, 1)) days.push(date);
  return days;
}

function workingDaysIn(jurisdiction: string, year: number): number {
  const calendar = workingDayCalendar(jurisdiction);
  return daysOfYear(year).filter((date) => calendar.isWorkingDay(date)).length;
}

describe.each([
  ["RU", RUSSIA_PRODUCTION_CALENDAR],
  ["CN", CHINA_HOLIDAY_CALENDAR],
] as const)("curated calendar %s", (_jurisdiction, { years }: CuratedCalendarData) => {
  it.each(years.map((year) => [year.year, year] as const))("%i cites its act and lists only dates of that year", (yearNumber, year) => {
    expect(year.source.act).not.toBe("");
    expect(year.source.url).toMatch(/^https:\/\//);
    for (const iso of [...year.daysOff, ...year.workingWeekendDays]) expect(day(iso).year).toBe(yearNumber);
  });

  it.each(years.map((year) => [year.year, year] as const))("%i turns only weekend days into working days", (_year, year) => {
    for (const iso of year.workingWeekendDays) expect(isWeekend(day(iso))).toBe(true);
  });
});

describe("Russia", () => {
  it.each([
    [2025, 247],
    [2026, 247],
  ])("has the official %i count of working days (%i, five-day week)", (year, count) => {
    expect(workingDaysIn("RU", year)).toBe(count);
  });

  it.each([
    ["2025-11-01", true, "Saturday worked in exchange for Monday 3 November (decree 1335)"],
    ["2025-11-03", false, "day off moved from Saturday 1 November"],
    ["2025-05-02", false, "4 January moved to 2 May"],
    ["2025-12-31", false, "5 January moved to 31 December"],
    ["2025-02-24", true, "23 February 2025 fell on a Sunday but was moved to 8 May, not to the Monday"],
    ["2026-01-09", false, "3 January moved to 9 January (decree 1466)"],
    ["2026-03-09", false, "8 March on a Sunday moves to Monday (Labour Code Art. 112)"],
    ["2026-05-11", false, "9 May on a Saturday moves to Monday (Labour Code Art. 112)"],
    ["2026-01-12", true, "first working day of 2026"],
  ])("%s working: %s (%s)", (date, working) => {
    expect(workingDayCalendar("RU").isWorkingDay(day(date))).toBe(working);
  });

  it("keeps every day off that date-holidays knows, and adds the decrees' moves it lacks", () => {
    const calendar = workingDayCalendar("RU");
    const holidays = new Holidays("RU");
    const lacking: string[] = [];
    for (const year of [2025, 2026]) {
      const known = new Set(
        holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === "public")
          .flatMap((holiday) => {
            const length = Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000);
            return Array.from({ length }, (_, offset) => formatCalendarDate(addDays(day(holiday.date.slice(0, 10)), offset)));
          }),
      );
      for (const date of daysOfYear(year)) {
        const iso = formatCalendarDate(date);
        if (known.has(iso)) expect(calendar.isWorkingDay(date)).toBe(false);
        const unusual = isWeekend(date) === calendar.isWorkingDay(date);
        if (unusual && !known.has(iso)) lacking.push(iso);
      }
    }
    expect(lacking).toEqual([
      "2025-05-02",
      "2025-05-08",
      "2025-06-13",
      "2025-11-01",
      "2025-11-03",
      "2025-12-31",
      "2026-01-09",
      "2026-05-11",
      "2026-12-31",
    ]);
  });

  it.each([
    ["2027-01-07", false, "Christmas, a Labour Code Art. 112 holiday"],
    ["2027-01-09", true, "a Saturday: the 2027 decree may make it a working day"],
    ["2027-01-11", true, "a Monday the 2027 decree may yet make a day off"],
    ["2027-11-04", false, "National Unity Day"],
    ["2024-12-28", true, "a Saturday of 2024, a year without a curated calendar either"],
  ])("counts %s, a day without an official calendar, provisionally: working %s (%s)", (date, working) => {
    const calendar = workingDayCalendar("RU");
    expect(calendar.isWorkingDay(day(date))).toBe(working);
    expect(calendar.isProvisional(day(date))).toBe(true);
  });
});

describe("China", () => {
  it.each([
    ["2025-01-26", true, "Sunday worked before the Spring Festival"],
    ["2025-09-28", true, "Sunday worked before National Day"],
    ["2025-10-08", false, "last day of the National Day and Mid-Autumn break"],
    ["2025-08-01", true, "Army Day: date-holidays says public, but it is not a day off for everyone"],
    ["2026-02-14", true, "Saturday worked before the Spring Festival"],
    ["2026-02-23", false, "last day of the nine-day Spring Festival break"],
    ["2026-06-01", true, "Children's Day is not a day off for adults"],
  ])("%s working: %s (%s)", (date, working) => {
    expect(workingDayCalendar("CN").isWorkingDay(day(date))).toBe(working);
  });

  it.each([
    ["2025-01-28", "2025-02-04", 8],
    ["2025-05-01", "2025-05-05", 5],
    ["2025-10-01", "2025-10-08", 8],
    ["2026-02-15", "2026-02-23", 9],
    ["2026-10-01", "2026-10-07", 7],
  ])("the break %s to %s has the notice's %i days off in a row", (first, last, length) => {
    const calendar = workingDayCalendar("CN");
    const before = addDays(day(first), -1);
    const after = addDays(day(last), 1);
    let off = 0;
    for (let date = day(first); formatCalendarDate(date) <= last; date = addDays(date, 1)) if (!calendar.isWorkingDay(date)) off++;
    expect(off).toBe(length);
    expect(calendar.isWorkingDay(before) || isWeekend(before)).toBe(true);
    expect(calendar.isWorkingDay(after) || isWeekend(after)).toBe(true);
  });

  it.each([
    ["2027-01-01", false, "New Year's Day"],
    ["2027-01-02", true, "a Saturday the 2027 notice may make a make-up working day"],
    ["2027-02-08", true, "a Monday of the Spring Festival week: lunar, so not assumed off"],
    ["2027-05-02", false, "Labour Day's second statutory day"],
    ["2027-10-03", false, "National Day's third statutory day"],
  ])("counts %s without an official notice provisionally: working %s (%s)", (date, working) => {
    const calendar = workingDayCalendar("CN");
    expect(calendar.isWorkingDay(day(date))).toBe(working);
    expect(calendar.isProvisional(day(date))).toBe(true);
  });
});

describe.each([
  ["RU", RUSSIA_PRODUCTION_CALENDAR],
  ["CN", CHINA_HOLIDAY_CALENDAR],
] as const)("the provisional rule of %s, checked against the official years", (jurisdiction, data: CuratedCalendarData) => {
  const official = workingDayCalendar(jurisdiction);
  const provisional: WorkingDayCalendar = {
    source: "provisional rule",
    isWorkingDay: (date) => provisionallyWorking(data.provisional, date),
    isProvisional: () => true,
  };
  const years = data.years.map((year) => year.year);

  it.each(years)("takes no day of %i off that the act left working", (year) => {
    const wronglyOff = daysOfYear(year).filter((date) => official.isWorkingDay(date) && !provisional.isWorkingDay(date));
    expect(wronglyOff.map(formatCalendarDate)).toEqual([]);
  });

  it.each(years.slice(0, -1))("never ends a period of 1 to 20 working days begun in %i later than the act does", (year) => {
    const later: string[] = [];
    for (const start of daysOfYear(year)) {
      for (let count = 1; count <= 20; count++) {
        const byRule = formatCalendarDate(addWorkingDays(start, count, provisional));
        const byAct = formatCalendarDate(addWorkingDays(start, count, official));
        if (byRule > byAct) later.push(`${formatCalendarDate(start)} + ${count}: ${byRule} > ${byAct}`);
      }
    }
    expect(later).toEqual([]);
  });
});

describe("date-holidays alone", () => {
  it.each([
    ["DE", "2025-10-03", false, "German Unity Day"],
    ["DE", "2025-01-06", true, "Epiphany is not a national holiday"],
    ["DE-BY", "2025-01-06", false, "Epiphany is a holiday in Bavaria"],
    ["DE", "2025-12-24", true, "Christmas Eve is only a bank half day"],
    ["FR", "2025-07-14", false, "Fête nationale"],
    ["US-CA", "2025-11-28", false, "day after Thanksgiving is a California state holiday"],
    ["US-CA", "2025-12-24", true, "Christmas Eve is optional"],
    ["SG", "2025-05-12", false, "Vesak Day"],
    ["SG", "2025-10-20", false, "Deepavali"],
  ])("%s %s working: %s (%s)", (jurisdiction, date, working) => {
    expect(workingDayCalendar(jurisdiction).isWorkingDay(day(date))).toBe(working);
  });

  it("computes any year rather than refusing, and never calls a day provisional", () => {
    expect(workingDayCalendar("FR").isWorkingDay(day("2031-07-14"))).toBe(false);
    expect(workingDayCalendar("FR").isProvisional(day("2031-07-14"))).toBe(false);
  });
});

describe("counting", () => {
  it("moves to the next working day only when needed", () => {
    const calendar = workingDayCalendar("FR");
    expect(formatCalendarDate(nextWorkingDayOnOrAfter(day("2025-07-12"), calendar))).toBe("2025-07-15");
    expect(formatCalendarDate(nextWorkingDayOnOrAfter(day("2025-07-15"), calendar))).toBe("2025-07-15");
  });

  it("never counts the start day and skips stopped days", () => {
    const calendar = workingDayCalendar("FR");
    expect(formatCalendarDate(addWorkingDays(day("2025-07-11"), 1, calendar))).toBe("2025-07-15");
    const stopped = (date: CalendarDate) => formatCalendarDate(date) === "2025-07-15";
    expect(formatCalendarDate(addWorkingDays(day("2025-07-11"), 1, calendar, stopped))).toBe("2025-07-16");
  });
});
