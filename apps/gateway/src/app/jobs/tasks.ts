// The background jobs themselves, the same whichever runner runs them: graphile-worker on PostgreSQL
// (graphile-runner.ts), or this process's own timers on the embedded database (in-process-runner.ts).
import { type PrismaClient, scopeToTenant } from "@custos/db";
import { ConsentLogStopped, publishCheckpoint } from "../../consent/proofs/consent-log.ts";
import { purgeExpiredCopies } from "../../cross-tenant/expired-copies.ts";
import { type DeliveryOutcome, deliverNotice } from "../../cross-tenant/outbox-dispatch.ts";
import { deliverWebhook, type WebhookOutcome } from "../../cross-tenant/webhook-dispatch.ts";
import type { Logger } from "../../ground/logger.ts";
import type { MailTransport } from "../../outbox/transport.ts";
import { fanOutConsentChanges } from "../../recipients/fan-out.ts";
import { warnAboutCoverage } from "../../requests/deadlines/coverage-alarm.ts";
import { queueDeadlineReminder } from "../../requests/deadlines/deadline-reminders.ts";
import { sweepRetention } from "../../retention/sweep.ts";

export interface JobDependencies {
  prisma: PrismaClient;
  log: Logger;
  /** Unset: no SMTP relay is configured and notices stay PENDING in the outbox. */
  transport: MailTransport | undefined;
  /** Attempts before a notice goes to the dead-letter list. */
  noticeMaxAttempts: number;
  /**
   * Unseals the tenants' signing keys and webhook secrets (consent/proofs, recipients); unset, no checkpoint is signed
   * and no webhook sent on the schedule.
   */
  keyPepper?: string;
}

/** When the daily jobs run (the server's local time), on either runner. */
export const DAILY_AT = { retentionSweep: "03:00", calendarCoverage: "06:00", deadlineReminders: "08:00" } as const;

/** How often expired copies are removed (purgeExpiredCopiesJob): a link's data outlives it by at most this. */
export const EXPIRED_EXPORTS_EVERY_MS = 3_600_000;

/** Removes the packages (and posted records) of download links that have expired, and old sender keys, in every tenant. */
export async function purgeExpiredCopiesJob(deps: JobDependencies): Promise<void> {
  const purged = await purgeExpiredCopies(deps.prisma);
  if (purged.packages + purged.taskResults + purged.senderKeys > 0) deps.log.info("expired copies removed", purged);
}

export async function deliverNoticeJob(deps: JobDependencies, id: string): Promise<DeliveryOutcome> {
  if (!deps.transport) return "gone";
  const outcome = await deliverNotice(deps.prisma, deps.transport, id, deps.noticeMaxAttempts);
  if (outcome === "dead-lettered")
    deps.log.warn("notice dead-lettered: every attempt failed; staff can retry it (retryNotice)", { noticeId: id });
  return outcome;
}

/** One tenant's retention sweep, as `pnpm retention sweep --tenant` runs it. */
export async function sweepTenantRetentionJob(deps: JobDependencies, tenantId: string): Promise<void> {
  const result = await sweepRetention(scopeToTenant(deps.prisma, tenantId), tenantId, { startedBy: "schedule" });
  const processed = Object.values(result.counts).reduce((sum, counts) => sum + counts.processed, 0);
  deps.log.info("retention sweep finished", { tenantId, runId: result.runId, processed });
}

export async function tenantIds(prisma: PrismaClient): Promise<string[]> {
  return (await prisma.tenant.findMany({ select: { id: true }, orderBy: { slug: "asc" } })).map((tenant) => tenant.id);
}

/** Warns while a working-day calendar's coverage ends within 90 days, so the next year's act is added in time. */
export async function checkCalendarCoverageJob(deps: JobDependencies): Promise<void> {
  warnAboutCoverage(deps.log);
}

/** One tenant's reminder of overdue and due-soon requests to its privacy contact (requests/deadline-reminders.ts). */
export async function deadlineReminderJob(deps: JobDependencies, tenantId: string): Promise<void> {
  const named = await queueDeadlineReminder(scopeToTenant(deps.prisma, tenantId), tenantId);
  if (named > 0) deps.log.info("deadline reminder queued", { tenantId, requests: named });
}

/** How often each tenant's public consent log is extended and, when it grew, a checkpoint signed (crontab: every minute). */
export const CONSENT_CHECKPOINT_EVERY_MS = 60_000;

/** Adds the tenant's new consent events to its public log and signs a checkpoint when it grew (consent/proofs). */
export async function consentCheckpointJob(deps: JobDependencies, tenantId: string): Promise<void> {
  if (!deps.keyPepper) return;
  try {
    await publishCheckpoint(scopeToTenant(deps.prisma, tenantId), tenantId, deps.keyPepper);
  } catch (error) {
    if (!(error instanceof ConsentLogStopped)) throw error;
    // A broken chain is not signed over; consentLedgerVerification names the break for staff.
    deps.log.error("consent log stopped: no checkpoint is signed until the chain verifies", { tenantId, reason: error.message });
  }
}

/** Writes a delivery per recipient for each consent change since the last fan-out, in every tenant (recipients/). */
export async function fanOutWebhooksJob(deps: JobDependencies): Promise<void> {
  if (!deps.keyPepper) return;
  for (const tenantId of await tenantIds(deps.prisma)) await fanOutConsentChanges(scopeToTenant(deps.prisma, tenantId), tenantId);
}

export async function deliverWebhookJob(deps: JobDependencies, id: string): Promise<WebhookOutcome> {
  if (!deps.keyPepper) return "gone";
  const outcome = await deliverWebhook(deps.prisma, deps.keyPepper, id);
  if (outcome === "dead-lettered") deps.log.warn("webhook dead-lettered: every attempt failed; staff can retry it", { deliveryId: id });
  return outcome;
}
