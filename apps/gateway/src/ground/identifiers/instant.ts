/**
 * An ISO 8601 instant as the API takes it: a calendar date (read as midnight UTC), or a date and time with `Z` or an
 * offset. `Date` alone would take `2026-02-30` as 2 March and years PostgreSQL cannot store, so the fields are checked
 * to name a day that exists, in years 0001-9999.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

export function parseInstant(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [1, 2, 3, 4, 5, 6].map((index) => Number(match[index] ?? 0));
  const [offsetHours, offsetMinutes] = [Number(match[8] ?? 0), Number(match[9] ?? 0)];
  if (year === undefined || month === undefined || day === undefined || year < 1) return undefined;
  const calendarDay = new Date(Date.UTC(2000, month - 1, day));
  calendarDay.setUTCFullYear(year);
  const dayExists = month >= 1 && month <= 12 && calendarDay.getUTCMonth() === month - 1 && calendarDay.getUTCDate() === day;
  if (!dayExists || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
