/** An instant as Prisma returns it (Date) or as it arrives in JSON (ISO 8601 string). */
export type InstantInput = Date | string;

/** The instant as a UTC ISO 8601 string with milliseconds, the one form the ledger hashes, exports and compares. */
export function isoInstant(value: InstantInput): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(value)}" is not a valid instant`);
  return date.toISOString();
}

export function epochMillis(value: InstantInput): number {
  // A Date's own time, without the ISO round trip: the validity rules compare instants per subject, a million in a bulk check.
  if (value instanceof Date) {
    const millis = value.getTime();
    if (Number.isNaN(millis)) throw new RangeError(`"${String(value)}" is not a valid instant`);
    return millis;
  }
  return Date.parse(isoInstant(value));
}
