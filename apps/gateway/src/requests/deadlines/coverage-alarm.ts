import type { Logger } from "../../ground/logger.ts";
import { calendarCoverage, coverageWarnings } from "../rules/index.ts";

/** Each curated calendar's reach, for `/health`. */
export const coverageSummary = () =>
  calendarCoverage(new Date()).map(({ jurisdiction, lastCoveredDay, daysLeft }) => ({ jurisdiction, lastCoveredDay, daysLeft }));

/**
 * Warns at start while a working-day calendar's coverage ends within 90 days, so the next year's act is added before
 * deadlines turn provisional; the daily warning is a job (jobs/tasks.ts), run once for all gateways.
 */
export function warnAboutCoverage(log: Logger): void {
  for (const warning of coverageWarnings(new Date())) log.warn(warning);
}
