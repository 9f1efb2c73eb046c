export interface JobRunner {
  /** Takes no new job, lets the running ones end, and resolves. */
  stop(): Promise<void>;
}

/** How often each runner looks for notices the gateway's changes queued. */
export const NOTICE_POLL_MS = 1_000;

/** Milliseconds from `now` to the next "HH:MM" of the local clock. */
export function untilNext(at: string, now = new Date()): number {
  const [hours = 0, minutes = 0] = at.split(":").map(Number);
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next <= now) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}
