export type DueState = "on-track" | "due-soon" | "overdue";

export interface DueStatus {
  readonly state: DueState;
  /** Negative once overdue. */
  readonly msRemaining: number;
}

const DEFAULT_DUE_SOON_WINDOW_MS = 3 * 86_400_000;

/** Where a due date stands for the staff queue; a due date is met up to and including its last millisecond. */
export function dueStatus(dueAt: Date, now: Date, dueSoonWindowMs: number = DEFAULT_DUE_SOON_WINDOW_MS): DueStatus {
  const msRemaining = dueAt.getTime() - now.getTime();
  const state: DueState = msRemaining < 0 ? "overdue" : msRemaining <= dueSoonWindowMs ? "due-soon" : "on-track";
  return { state, msRemaining };
}
