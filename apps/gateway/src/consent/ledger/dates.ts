/** An instant as Prisma returns it (Date) or as it arrives in JSON (ISO 8601 string). */
export type InstantInput = Date | string;

/** The instant as a UTC ISO 8601 string with milliseconds, the one form the ledger hashes, exports and compares. */
export function isoInstant(value: InstantInput): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(value)}" is not a valid instant`);
  return date.toISOString();
}

export function epochMillis(value: InstantInput): number {
  return Date.parse(isoInstant(value));
}

/**
 * Adds calendar months in UTC, clamping to the last day of a shorter month (31 January + 1 month = 28 or 29 February),
 * so a validity period of "12 months" ends on the same calendar day a year later.
 */
export function addCalendarMonths(value: InstantInput, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a whole number of at least 0, got ${months}`);
  const start = new Date(isoInstant(value));
  const firstOfTargetMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const daysInTargetMonth = new Date(Date.UTC(firstOfTargetMonth.getUTCFullYear(), firstOfTargetMonth.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTargetMonth.setUTCDate(Math.min(start.getUTCDate(), daysInTargetMonth));
  firstOfTargetMonth.setUTCHours(start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
  return firstOfTargetMonth.toISOString();
}
