/**
 * Calendar-month arithmetic in UTC, so a due date does not move with the server's time zone.
 *
 * When the anniversary day does not exist in the target month (31 January + 1 month), the period ends
 * at the end of that month: the first instant of the following month. Ending at the same time of day on
 * the 28th would make the due date go backwards between 29 January 23:00 and 30 January 01:00, and a
 * due date that never goes backwards is what lets `earliestStartDueAfter` turn the rule into one SQL comparison.
 */
export function addCalendarMonths(start: Date, months: number): Date {
  const year = start.getUTCFullYear();
  const targetMonth = start.getUTCMonth() + months;
  const day = start.getUTCDate();
  if (day > daysInMonth(year, targetMonth)) return firstInstantOfMonth(year, targetMonth + 1);
  return new Date(Date.UTC(year, targetMonth, day) + millisecondsIntoDay(start));
}

/**
 * The earliest start whose period of `months` ends strictly after `instant`: every start before it is
 * due at `instant`, and no start from it on is. The inverse of `addCalendarMonths`, case by case.
 */
export function earliestStartDueAfter(instant: Date, months: number): Date {
  const next = new Date(instant.getTime() + 1);
  const year = next.getUTCFullYear();
  const month = next.getUTCMonth();
  const day = next.getUTCDate();
  const sourceMonth = month - months;
  // No start in the source month reaches this day of the month, so the first start that does is in the month after.
  if (day > daysInMonth(year, sourceMonth)) return firstInstantOfMonth(year, sourceMonth + 1);
  // The first instant of a month is also where the overflowing days of the month before the source month land.
  const atMonthStart = day === 1 && millisecondsIntoDay(next) === 0;
  const lastDayBefore = daysInMonth(year, month - 1);
  if (atMonthStart && daysInMonth(year, sourceMonth - 1) > lastDayBefore) {
    return new Date(Date.UTC(year, sourceMonth - 1, lastDayBefore + 1));
  }
  return new Date(Date.UTC(year, sourceMonth, day) + millisecondsIntoDay(next));
}

/** `month` is zero-based and may run past 11 or below 0; Date.UTC carries it into the year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function firstInstantOfMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

function millisecondsIntoDay(instant: Date): number {
  const time = instant.getTime();
  return time - Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
}
