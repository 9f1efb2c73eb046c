import { addCalendarMonths, earliestStartDueAfter } from "../../ground/calendar-months.ts";
import { activeHoldsOn, type HeldData, type LegalHold } from "./legal-holds.ts";
import type { RetentionAction, RetentionPolicy, RetentionTrigger } from "./retention-policy.ts";

/** What happened to a record and when; the policy's trigger picks which one starts the clock. */
export interface RetentionEvents {
  collectedAt: Date;
  lastActivityAt?: Date | null;
  contractEndedAt?: Date | null;
  requestClosedAt?: Date | null;
}

export interface RetainedRecord extends HeldData {
  events: RetentionEvents;
}

export type RetentionDecision =
  | { status: "NO_CLOCK" }
  | { status: "NOT_DUE"; dueAt: Date }
  | { status: "DUE"; dueAt: Date; action: RetentionAction }
  | { status: "HELD"; dueAt: Date; holdId: string };

/**
 * The instant the retention clock started, or null when the trigger has not happened yet. A record never
 * active since it was collected was last active when it was collected, so LAST_ACTIVITY falls back to
 * collection (in SQL: COALESCE(last_activity_at, collected_at)).
 */
export function clockStartFor(trigger: RetentionTrigger, events: RetentionEvents): Date | null {
  switch (trigger) {
    case "COLLECTION":
      return events.collectedAt;
    case "LAST_ACTIVITY":
      return events.lastActivityAt ?? events.collectedAt;
    case "CONTRACT_END":
      return events.contractEndedAt ?? null;
    case "REQUEST_CLOSED":
      return events.requestClosedAt ?? null;
  }
}

export function dueAt(policy: Pick<RetentionPolicy, "periodMonths">, clockStart: Date): Date {
  return addCalendarMonths(clockStart, policy.periodMonths);
}

/**
 * Clock starts strictly before the returned instant are due at `now`, exactly as `decideRetention` decides,
 * so a sweep can select candidates with `WHERE clock_start < cutoff` and then check holds per record.
 */
export function cutoffFor(policy: Pick<RetentionPolicy, "periodMonths">, now: Date): Date {
  return earliestStartDueAfter(now, policy.periodMonths);
}

/**
 * A record is due once `now` reaches its due instant. HELD is reported only for a record that would
 * otherwise be due: a hold on data that is not due yet changes nothing today. A trigger dated after `now`
 * (a contract end already scheduled) has not happened, so there is no clock yet.
 */
export function decideRetention(
  policy: RetentionPolicy,
  record: RetainedRecord,
  holds: readonly LegalHold[],
  now: Date,
): RetentionDecision {
  const clockStart = clockStartFor(policy.trigger, record.events);
  if (clockStart === null || clockStart > now) return { status: "NO_CLOCK" };
  const due = dueAt(policy, clockStart);
  if (due > now) return { status: "NOT_DUE", dueAt: due };
  const [hold] = activeHoldsOn(record, holds, now);
  if (hold) return { status: "HELD", dueAt: due, holdId: hold.id };
  return { status: "DUE", dueAt: due, action: policy.action };
}
