/**
 * A day on a local wall calendar, without a time of day. Deadlines are counted in whole local days of the
 * jurisdiction (EU Regulation 1182/71 Art. 3 counts days, not hours), so the engine converts an instant to
 * the local date once, does all arithmetic on these dates, and converts the final day back to an instant.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDate(iso: string): CalendarDate {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new TypeError(`not an ISO date: ${iso}`);
  const date = fromDayNumber(toDayNumber({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }));
  if (formatCalendarDate(date) !== iso) throw new TypeError(`no such day: ${iso}`);
  return date;
}

export function formatCalendarDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function toDayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Regulation 1182/71 Art. 3(2)(c): a period in months ends on the day of the last month with the same number
 * as the starting day, or, if that month has no such day, on its last day (31 Jan + 1 month = 28/29 Feb).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDayOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDayOfMonth) };
}

export function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return fields;
}

export function localDateOf(instant: Date, timeZone: string): CalendarDate {
  const { year = 0, month = 0, day = 0 } = wallClock(instant, timeZone);
  return { year, month, day };
}

function utcOffsetMs(instant: Date, timeZone: string): number {
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The last millisecond of `date` in `timeZone`: a deadline "on" a day lasts until that day ends locally. */
export function endOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const wallEnd = Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59, 999);
  const firstGuess = new Date(wallEnd - utcOffsetMs(new Date(wallEnd), timeZone));
  // A guess on the other side of a daylight-saving change carries the wrong offset; one correction settles it.
  return new Date(wallEnd - utcOffsetMs(firstGuess, timeZone));
}
