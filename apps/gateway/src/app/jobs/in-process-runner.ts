// The embedded database's runner: one process owns the database, so its own timers are the queue. The jobs and the
// backoff are graphile-worker's (tasks.ts; e^n seconds after the n-th failure), so both databases behave alike.
import { claimPendingNotices } from "../../cross-tenant/outbox-dispatch.ts";
import { claimPendingDeliveries } from "../../cross-tenant/webhook-dispatch.ts";
import { type JobRunner, NOTICE_POLL_MS, untilNext } from "./job-timing.ts";
import {
  CONSENT_CHECKPOINT_EVERY_MS,
  checkCalendarCoverageJob,
  consentCheckpointJob,
  DAILY_AT,
  deadlineReminderJob,
  deliverNoticeJob,
  deliverWebhookJob,
  EXPIRED_EXPORTS_EVERY_MS,
  fanOutWebhooksJob,
  type JobDependencies,
  purgeExpiredCopiesJob,
  sweepTenantRetentionJob,
  tenantIds,
} from "./tasks.ts";

const DAY_MS = 86_400_000;

export async function startInProcessRunner(deps: JobDependencies): Promise<JobRunner> {
  const { prisma, log } = deps;
  // Notices that were waiting for a retry when this process last stopped: queue them again.
  await prisma.outboxMessage.updateMany({ where: { status: "QUEUED" }, data: { status: "PENDING" } });
  await prisma.webhookDelivery.updateMany({ where: { status: "QUEUED" }, data: { status: "PENDING" } });
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const later = (ms: number, work: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      const job = work().catch((error: unknown) => log.error("job failed", { error: error instanceof Error ? error.name : typeof error }));
      running.add(job);
      void job.finally(() => running.delete(job));
    }, ms);
    timers.add(timer);
  };

  const attempt = (id: string, failures: number) => async () => {
    if ((await deliverNoticeJob(deps, id)) === "retry") {
      const failed = failures + 1;
      later(Math.exp(Math.min(failed, 10)) * 1000, attempt(id, failed));
    }
  };
  const tell = (id: string, failures: number) => async () => {
    if ((await deliverWebhookJob(deps, id)) === "retry") {
      const failed = failures + 1;
      later(Math.exp(Math.min(failed, 10)) * 1000, tell(id, failed));
    }
  };
  const poll = async () => {
    try {
      if (deps.transport) for (const id of await claimPendingNotices(prisma)) later(0, attempt(id, 0));
      if (deps.keyPepper) {
        await fanOutWebhooksJob(deps);
        for (const id of await claimPendingDeliveries(prisma)) later(0, tell(id, 0));
      }
    } finally {
      later(NOTICE_POLL_MS, poll);
    }
  };
  const daily = (at: string, work: () => Promise<void>) => {
    const run = async () => {
      await work();
      later(untilNext(at) || DAY_MS, run);
    };
    later(untilNext(at), run);
  };

  later(0, poll);
  daily(DAILY_AT.retentionSweep, async () => {
    for (const tenantId of await tenantIds(prisma)) await sweepTenantRetentionJob(deps, tenantId);
  });
  const purge = async () => {
    try {
      await purgeExpiredCopiesJob(deps);
    } finally {
      later(EXPIRED_EXPORTS_EVERY_MS, purge);
      const checkpoints = async () => {
        try {
          for (const tenantId of await tenantIds(prisma)) await consentCheckpointJob(deps, tenantId);
        } finally {
          later(CONSENT_CHECKPOINT_EVERY_MS, checkpoints);
        }
      };
      later(CONSENT_CHECKPOINT_EVERY_MS, checkpoints);
    }
  };
  later(EXPIRED_EXPORTS_EVERY_MS, purge);
  const checkpoints = async () => {
    try {
      for (const tenantId of await tenantIds(prisma)) await consentCheckpointJob(deps, tenantId);
    } finally {
      later(CONSENT_CHECKPOINT_EVERY_MS, checkpoints);
    }
  };
  later(CONSENT_CHECKPOINT_EVERY_MS, checkpoints);
  daily(DAILY_AT.calendarCoverage, () => checkCalendarCoverageJob(deps));
  daily(DAILY_AT.deadlineReminders, async () => {
    for (const tenantId of await tenantIds(prisma)) await deadlineReminderJob(deps, tenantId);
  });

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
