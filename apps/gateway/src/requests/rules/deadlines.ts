import type { DeadlineRule, Period } from "../../laws/deadline-rule.ts";
import { type CompanyDeadlinePolicy, DEFAULT_COMPANY_POLICY } from "../../laws/registry.ts";
import { addDays, addMonths, type CalendarDate, daysBetween, endOfLocalDay, formatCalendarDate, localDateOf } from "./calendar-date.ts";
import { jurisdictionProfile } from "./jurisdictions.ts";
import { buildRuleTable, RULE_TABLE, ruleFor } from "./law-rules.ts";
import type { RequestType } from "./request-kinds.ts";
import { RequestRuleError } from "./rule-error.ts";
import {
  addWorkingDays,
  type CuratedCalendars,
  nextWorkingDayOnOrAfter,
  type WorkingDayCalendar,
  workingDayCalendar,
} from "./working-days.ts";

/** A stretch during which the request waited on the person (typically for proof of identity). */
export interface Pause {
  readonly from: Date;
  readonly to: Date;
}

export interface ExtensionRequest {
  readonly reason: string;
  /** When the notice of the extension goes to the person; it must be no later than `extensionNoticeBy`. */
  readonly requestedAt: Date;
}

export interface DeadlineInput {
  /** ISO 3166 code, already normalised: `DE`, `RU`, `US-CA`. */
  readonly jurisdiction: string;
  readonly type: RequestType;
  /** An objection that includes direct marketing: where the law says so, acted on at once. */
  readonly directMarketing?: boolean;
  readonly receivedAt: Date;
  readonly pauses?: readonly Pause[];
  readonly extension?: ExtensionRequest;
}

export interface Deadlines {
  readonly rule: {
    readonly id: string;
    readonly law: string;
    readonly citation: string;
    readonly source: string;
    readonly basis: DeadlineRule["basis"];
    readonly configurable: boolean;
  };
  /** Days are counted in this zone; every date below is a day there, every instant the end of that day. */
  readonly timeZone: string;
  readonly calendar: string;
  readonly receivedOn: string;
  readonly acknowledgeBy?: Date;
  readonly dueAt: Date;
  readonly dueOn: string;
  /** The period ended on a weekend or public holiday and, as the law says, runs to the next working day. */
  readonly movedToNextWorkingDay: boolean;
  /** Present whenever the rule allows an extension: the latest moment its notice may reach the person. */
  readonly extensionNoticeBy?: Date;
  /** Present when an extension was applied. */
  readonly extendedDueAt?: Date;
  /**
   * Some day counted lies in a year without an official calendar, so the deadline comes from the calendar's
   * provisional rule: never later than the official one, and recomputed once that year's calendar is added.
   */
  readonly provisional: boolean;
  readonly pausesApplied: boolean;
  readonly pausedDays: number;
  /** Why recorded pauses do or do not move the deadline. */
  readonly pauseRule: string;
}

export interface DeadlineOptions {
  readonly policy?: CompanyDeadlinePolicy;
  /** The curated working-day calendars to count with; the ones in force by default. */
  readonly calendars?: CuratedCalendars;
}

/**
 * Local days on which the clock stood still: from the day a pause began to the day it ended, that last day
 * included only where the rule does not count the day of the person's answer.
 */
function stoppedDays(pauses: readonly Pause[], receivedAt: Date, timeZone: string, resumesOnDayOfEvent: boolean): string[] {
  const days = new Set<string>();
  for (const pause of pauses) {
    // A pause may end the moment it starts: a person who answers at once still answered.
    if (!(pause.to.getTime() >= pause.from.getTime())) {
      throw new RequestRuleError("INVALID_PAUSE", "a pause cannot end before it starts.");
    }
    if (pause.from.getTime() < receivedAt.getTime()) {
      throw new RequestRuleError("INVALID_PAUSE", "a pause cannot start before the request was received.");
    }
    const last = localDateOf(pause.to, timeZone);
    const lastStopped = resumesOnDayOfEvent ? addDays(last, -1) : last;
    for (let day = localDateOf(pause.from, timeZone); daysBetween(day, lastStopped) >= 0; day = addDays(day, 1)) {
      days.add(formatCalendarDate(day));
    }
  }
  return [...days].sort();
}

function periodEnd(start: CalendarDate, period: Period, calendar: WorkingDayCalendar, stopped: readonly string[]): CalendarDate {
  if (period.amount === 0) {
    // At once: the day of receipt, or the first day after it the clock runs again.
    const stoppedSet = new Set(stopped);
    let day = start;
    while (stoppedSet.has(formatCalendarDate(day))) day = addDays(day, 1);
    return day;
  }
  if (period.unit === "working-days") {
    const stoppedSet = new Set(stopped);
    return addWorkingDays(start, period.amount, calendar, (day) => stoppedSet.has(formatCalendarDate(day)));
  }
  let end = period.unit === "months" ? addMonths(start, period.amount) : addDays(start, period.amount);
  const startIso = formatCalendarDate(start);
  // Each stopped day inside the running period pushes its end by a day; `stopped` is sorted, so one pass suffices.
  for (const day of stopped) {
    if (day > startIso && day <= formatCalendarDate(end)) end = addDays(end, 1);
  }
  return end;
}

/** Wraps a calendar to tell afterwards whether any answer it gave came from a provisional rule. */
function consultationRecorded(calendar: WorkingDayCalendar) {
  let provisional = false;
  const recorded: WorkingDayCalendar = {
    source: calendar.source,
    isProvisional: (date) => calendar.isProvisional(date),
    isWorkingDay(date) {
      if (calendar.isProvisional(date)) provisional = true;
      return calendar.isWorkingDay(date);
    },
  };
  return { calendar: recorded, consultedProvisionalDay: () => provisional };
}

export function computeDeadlines(input: DeadlineInput, options: DeadlineOptions = {}): Deadlines {
  const policy = options.policy ?? DEFAULT_COMPANY_POLICY;
  const table = options.policy ? buildRuleTable(options.policy) : RULE_TABLE;
  const profile = jurisdictionProfile(input.jurisdiction, policy.otherJurisdictions.timeZone);
  const rule = ruleFor(table, profile.law, input.type, input.directMarketing ?? false);
  const { timeZone } = profile;
  const { calendar, consultedProvisionalDay } = consultationRecorded(workingDayCalendar(profile.jurisdiction, options.calendars));
  const receivedOn = localDateOf(input.receivedAt, timeZone);

  const stopped = rule.pauses.allowed ? stoppedDays(input.pauses ?? [], input.receivedAt, timeZone, rule.pauses.resumes.onDayOfEvent) : [];
  const lastDay = (period: Period): { day: CalendarDate; moved: boolean } => {
    const end = periodEnd(receivedOn, period, calendar, stopped);
    if (rule.lastDayOnNonWorkingDay === "stays") return { day: end, moved: false };
    const day = nextWorkingDayOnOrAfter(end, calendar);
    return { day, moved: daysBetween(end, day) > 0 };
  };

  const due = lastDay(rule.response);
  const dueAt = endOfLocalDay(due.day, timeZone);
  const extensionNoticeBy = rule.extension ? dueAt : undefined;

  let extendedDueAt: Date | undefined;
  if (input.extension) {
    if (!rule.extension || !extensionNoticeBy) {
      throw new RequestRuleError("EXTENSION_NOT_ALLOWED", `${rule.id} allows no extension (${rule.citation}).`);
    }
    if (!input.extension.reason.trim()) {
      throw new RequestRuleError("EXTENSION_REASON_REQUIRED", "an extension needs the reasons that the notice gives the person.");
    }
    if (input.extension.requestedAt.getTime() > extensionNoticeBy.getTime()) {
      throw new RequestRuleError(
        "EXTENSION_TOO_LATE",
        `the extension notice had to reach the person by ${extensionNoticeBy.toISOString()} (${rule.extension.citation}).`,
      );
    }
    const extended = lastDay({ unit: rule.response.unit, amount: rule.response.amount + rule.extension.additional });
    extendedDueAt = endOfLocalDay(extended.day, timeZone);
  }

  const acknowledgement = rule.acknowledgement;
  const pausedDays = stopped.filter((day) => day > formatCalendarDate(receivedOn)).length;
  return {
    rule: {
      id: rule.id,
      law: rule.law,
      citation: rule.citation,
      source: rule.sources[0] ?? "",
      basis: rule.basis,
      configurable: rule.configurable,
    },
    timeZone,
    calendar: calendar.source,
    receivedOn: formatCalendarDate(receivedOn),
    ...(acknowledgement ? { acknowledgeBy: endOfLocalDay(periodEnd(receivedOn, acknowledgement.within, calendar, []), timeZone) } : {}),
    dueAt,
    dueOn: formatCalendarDate(due.day),
    movedToNextWorkingDay: due.moved,
    ...(extensionNoticeBy ? { extensionNoticeBy } : {}),
    ...(extendedDueAt ? { extendedDueAt } : {}),
    provisional: consultedProvisionalDay(),
    pausesApplied: pausedDays > 0,
    pausedDays,
    pauseRule: rule.pauses.why,
  };
}

/** Whether the rule for this jurisdiction and type lets the clock stop while the request waits on the person. */
export function pausesAllowed(
  request: Pick<DeadlineInput, "jurisdiction" | "type" | "directMarketing">,
  options: DeadlineOptions = {},
): boolean {
  const policy = options.policy ?? DEFAULT_COMPANY_POLICY;
  const table = options.policy ? buildRuleTable(options.policy) : RULE_TABLE;
  const law = jurisdictionProfile(request.jurisdiction, policy.otherJurisdictions.timeZone).law;
  return ruleFor(table, law, request.type, request.directMarketing ?? false).pauses.allowed;
}
