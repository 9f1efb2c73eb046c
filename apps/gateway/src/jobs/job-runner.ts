import type { DatabaseTarget } from "@custos/db";
import { startGraphileRunner } from "./graphile-runner.ts";
import { startInProcessRunner } from "./in-process-runner.ts";
import type { JobDependencies } from "./tasks.ts";

export interface JobRunner {
  /** Takes no new job, lets the running ones end, and resolves. */
  stop(): Promise<void>;
}

/** How often each runner looks for notices the gateway's changes queued. */
export const NOTICE_POLL_MS = 1_000;

/**
 * On PostgreSQL, graphile-worker: any number of gateways run it, and each job (a notice, a tenant's sweep, the daily
 * alarm) runs in exactly one of them. On the embedded database, which one process owns, this process's own timers run
 * the same jobs.
 */
export function startJobRunner(target: DatabaseTarget, deps: JobDependencies): Promise<JobRunner> {
  return target.kind === "postgres" ? startGraphileRunner(target.url, deps) : startInProcessRunner(deps);
}

/** Milliseconds from `now` to the next "HH:MM" of the local clock. */
export function untilNext(at: string, now = new Date()): number {
  const [hours = 0, minutes = 0] = at.split(":").map(Number);
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next <= now) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}
