export interface LegalHold {
  id: string;
  subjectId: string | null;
  dataCategoryId: string | null;
  expiresAt: Date | null;
  releasedAt: Date | null;
}

export interface HeldData {
  subjectId: string;
  dataCategoryId: string;
}

/** A hold counts from its creation until it is released or expires, whichever comes first. */
export function isHoldActive(hold: LegalHold, now: Date): boolean {
  const released = hold.releasedAt !== null && hold.releasedAt <= now;
  const expired = hold.expiresAt !== null && hold.expiresAt <= now;
  return !released && !expired;
}

/**
 * A hold names a subject, a data category, or both (that subject's data in that category). A hold that
 * names neither holds everything: when the scope is unclear, keeping data is the mistake that can be undone.
 */
export function holdCovers(hold: LegalHold, data: HeldData): boolean {
  const subjectMatches = hold.subjectId === null || hold.subjectId === data.subjectId;
  const categoryMatches = hold.dataCategoryId === null || hold.dataCategoryId === data.dataCategoryId;
  return subjectMatches && categoryMatches;
}

/** Active holds covering the data, ordered by id so the same data always reports the same hold first. */
export function activeHoldsOn(data: HeldData, holds: readonly LegalHold[], now: Date): LegalHold[] {
  return holds
    .filter((hold) => isHoldActive(hold, now) && holdCovers(hold, data))
    .sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}
