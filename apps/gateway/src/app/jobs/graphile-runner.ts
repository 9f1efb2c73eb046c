// PostgreSQL's runner: graphile-worker. Every gateway runs one; a job is locked by the one that takes it (SKIP LOCKED),
// a failed job is retried after e^n seconds (n failures so far, at most e^10, about 6 hours), and each crontab line
// runs once per slot whatever the number of gateways. Its schema, graphile_worker, is installed on first start.
import { Logger, run, runMigrations, type Task } from "graphile-worker";
import pg from "pg";
import { claimPendingNotices } from "../../cross-tenant/outbox-dispatch.ts";
import { claimPendingDeliveries, WEBHOOK_MAX_ATTEMPTS } from "../../cross-tenant/webhook-dispatch.ts";
import type { Logger as CustosLogger } from "../../ground/logger.ts";
import { type JobRunner, NOTICE_POLL_MS } from "./job-timing.ts";
import {
  checkCalendarCoverageJob,
  consentCheckpointJob,
  DAILY_AT,
  deadlineReminderJob,
  deliverNoticeJob,
  deliverWebhookJob,
  fanOutWebhooksJob,
  type JobDependencies,
  purgeExpiredCopiesJob,
  sweepTenantRetentionJob,
  tenantIds,
} from "./tasks.ts";

/** A failed attempt of a notice that has attempts left: thrown so the queue runs the job again, later. */
class NoticeNotSent extends Error {
  override name = "NoticeNotSent";
}

/** A webhook its recipient did not acknowledge, with attempts left: thrown so the queue retries it, later. */
class WebhookNotAcknowledged extends Error {
  override name = "WebhookNotAcknowledged";
}

const cron = (at: string, task: string) => {
  const [hours, minutes] = at.split(":").map(Number);
  return `${minutes} ${hours} * * * ${task}`;
};

/** graphile-worker's warnings and errors into the gateway's log; its info and debug lines are left out. */
function workerLogger(log: CustosLogger) {
  return new Logger(() => (level, message) => {
    if (level === "error") log.error(`job queue: ${message}`);
    else if (level === "warning") log.warn(`job queue: ${message}`);
  });
}

function stringField(payload: unknown, field: string): string {
  const value = (payload as Record<string, unknown> | null)?.[field];
  if (typeof value !== "string") throw new Error(`job payload without ${field}`);
  return value;
}

/**
 * graphile-worker's own install is not safe for gateways starting together on a fresh database: two can both find
 * no schema, and the second `CREATE SCHEMA IF NOT EXISTS` fails on pg_namespace's unique index (graphile/worker#496).
 * So the gateways install and migrate it one at a time, under one advisory lock; a later one finds nothing to do.
 */
async function installQueueSchema(url: string, logger: Logger) {
  const lockHolder = new pg.Client({ connectionString: url });
  // The server going away mid-install is an 'error' event: reported by the query in flight, not left to end the process.
  lockHolder.on("error", (error) => logger.warn(`installing the queue: lost the database connection: ${error.message}`));
  await lockHolder.connect();
  try {
    await lockHolder.query("SELECT pg_advisory_lock(hashtext('custos: install graphile_worker'))");
    await runMigrations({ connectionString: url, logger });
  } finally {
    // Ending the session releases its lock, also when the migration failed.
    await lockHolder.end();
  }
}

export async function startGraphileRunner(url: string, deps: JobDependencies): Promise<JobRunner> {
  const taskList: Record<string, Task> = {
    deliverNotice: async (payload) => {
      if ((await deliverNoticeJob(deps, stringField(payload, "id"))) === "retry")
        throw new NoticeNotSent("the relay refused; retried later");
    },
    deliverWebhook: async (payload) => {
      if ((await deliverWebhookJob(deps, stringField(payload, "id"))) === "retry")
        throw new WebhookNotAcknowledged("the recipient did not acknowledge; retried later");
    },
    scheduleRetentionSweeps: async (_payload, helpers) => {
      for (const tenantId of await tenantIds(deps.prisma)) {
        await helpers.addJob("sweepTenantRetention", { tenantId }, { jobKey: `retention:${tenantId}`, maxAttempts: 3 });
      }
    },
    scheduleDeadlineReminders: async (_payload, helpers) => {
      const day = new Date().toISOString().slice(0, 10);
      for (const tenantId of await tenantIds(deps.prisma)) {
        await helpers.addJob("deadlineReminder", { tenantId }, { jobKey: `reminder:${tenantId}:${day}`, maxAttempts: 3 });
      }
    },
    deadlineReminder: (payload) => deadlineReminderJob(deps, stringField(payload, "tenantId")),
    scheduleConsentCheckpoints: async (_payload, helpers) => {
      for (const tenantId of await tenantIds(deps.prisma)) {
        await helpers.addJob("consentCheckpoint", { tenantId }, { jobKey: `checkpoint:${tenantId}`, maxAttempts: 3 });
      }
    },
    // The log's head row is locked while it is extended, so two runners never build the same tree twice.
    consentCheckpoint: (payload) => consentCheckpointJob(deps, stringField(payload, "tenantId")),
    sweepTenantRetention: (payload) => sweepTenantRetentionJob(deps, stringField(payload, "tenantId")),
    checkCalendarCoverage: () => checkCalendarCoverageJob(deps),
    purgeExpiredCopies: () => purgeExpiredCopiesJob(deps),
  };
  const logger = workerLogger(deps.log);
  await installQueueSchema(url, logger);
  const runner = await run({
    connectionString: url,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger,
    taskList,
    crontab: [
      cron(DAILY_AT.retentionSweep, "scheduleRetentionSweeps"),
      cron(DAILY_AT.calendarCoverage, "checkCalendarCoverage"),
      cron(DAILY_AT.deadlineReminders, "scheduleDeadlineReminders"),
      // Hourly (EXPIRED_EXPORTS_EVERY_MS); the crontab runs it once per hour across all gateways.
      "0 * * * * purgeExpiredCopies",
      // Every minute (CONSENT_CHECKPOINT_EVERY_MS): the public consent log's tree and checkpoint, once across all gateways.
      "* * * * * scheduleConsentCheckpoints",
    ].join("\n"),
  });

  // Notices are written with the change that causes them; each is handed to the queue once, in the claim's transaction.
  let stopped = false;
  let feeding: Promise<unknown> = Promise.resolve();
  const feed = async () => {
    if (deps.transport) {
      await claimPendingNotices(deps.prisma, async (tx, ids) => {
        await tx.$executeRaw`
          SELECT graphile_worker.add_job('deliverNotice', json_build_object('id', id), max_attempts := ${deps.noticeMaxAttempts}::int,
            job_key := 'notice:' || id, job_key_mode := 'unsafe_dedupe')
          FROM unnest(${ids}::uuid[]) AS id`;
      });
    }
    if (deps.keyPepper) {
      // Consent changes become deliveries under each tenant's fan-out lock, each handed to the queue once, like notices.
      await fanOutWebhooksJob(deps);
      await claimPendingDeliveries(deps.prisma, async (tx, ids) => {
        await tx.$executeRaw`
          SELECT graphile_worker.add_job('deliverWebhook', json_build_object('id', id), max_attempts := ${WEBHOOK_MAX_ATTEMPTS}::int,
            job_key := 'webhook:' || id, job_key_mode := 'unsafe_dedupe')
          FROM unnest(${ids}::uuid[]) AS id`;
      });
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    feeding = feeding
      .then(feed)
      .catch((error: unknown) => deps.log.error("queueing notices failed", { error: error instanceof Error ? error.name : typeof error }));
  }, NOTICE_POLL_MS);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await feeding;
      await runner.stop();
    },
  };
}
