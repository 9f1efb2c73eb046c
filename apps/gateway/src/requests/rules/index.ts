export { CHINA_HOLIDAY_CALENDAR } from "../../laws/calendars/china.ts";
export type { CuratedCalendarData, ProductionCalendarYear } from "../../laws/calendars/production-calendar.ts";
export { RUSSIA_PRODUCTION_CALENDAR } from "../../laws/calendars/russia.ts";
export type { ConfigurableDeadline, DeadlineRule, Period, PeriodUnit } from "../../laws/deadline-rule.ts";
export { type CompanyDeadlinePolicy, DEFAULT_COMPANY_POLICY, type LawId } from "../../laws/registry.ts";
export { type CalendarCoverage, calendarCoverage, coverageWarnings } from "./calendar-coverage.ts";
export type { CalendarDate } from "./calendar-date.ts";
export {
  computeDeadlines,
  type DeadlineInput,
  type DeadlineOptions,
  type Deadlines,
  type ExtensionRequest,
  type Pause,
  pausesAllowed,
} from "./deadlines.ts";
export { type DueState, type DueStatus, dueStatus } from "./due-status.ts";
export { buildRuleTable, RULE_TABLE, type RuleTable } from "./law-rules.ts";
export { REQUEST_STATUSES, REQUEST_TYPES, type RequestStatus, type RequestType } from "./request-kinds.ts";
export { RequestRuleError, type RequestRuleErrorCode } from "./rule-error.ts";
export {
  type ActorKind,
  type AllowedTransition,
  assertTransition,
  EXTENSION_NOTIFICATIONS,
  IDENTITY_VERIFICATION,
  type NotificationKind,
  nextStates,
  type QueuedNotification,
  RECEIPT_NOTIFICATIONS,
  TRANSITIONS,
  type TransitionRequest,
  type TransitionRule,
} from "./workflow.ts";
export { CURATED_CALENDARS, type CuratedCalendars, curatedCalendars } from "./working-days.ts";
