import type { Logger } from "../logger.ts";
import { calendarCoverage, coverageWarnings } from "./rules/index.ts";

const DAY_MS = 86_400_000;

/** Each curated calendar's reach, for `/health`. */
export const coverageSummary = () =>
  calendarCoverage(new Date()).map(({ jurisdiction, lastCoveredDay, daysLeft }) => ({ jurisdiction, lastCoveredDay, daysLeft }));

/**
 * Warns at start and then daily while a working-day calendar's coverage ends within 90 days, so the next year's
 * act is added before deadlines turn provisional. Every gateway warns for itself: a log line, not a job.
 */
export function startCoverageAlarm(log: Logger, intervalMs = DAY_MS): { stop(): void } {
  const check = () => {
    for (const warning of coverageWarnings(new Date())) log.warn(warning);
  };
  check();
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
