import type { DatabaseTarget } from "@custos/db";
import { startGraphileRunner } from "./graphile-runner.ts";
import { startInProcessRunner } from "./in-process-runner.ts";
import type { JobRunner } from "./job-timing.ts";
import type { JobDependencies } from "./tasks.ts";

/**
 * On PostgreSQL, graphile-worker: any number of gateways run it, and each job (a notice, a tenant's sweep, the daily
 * alarm) runs in exactly one of them. On the embedded database, which one process owns, this process's own timers run
 * the same jobs.
 */
export function startJobRunner(target: DatabaseTarget, deps: JobDependencies): Promise<JobRunner> {
  return target.kind === "postgres" ? startGraphileRunner(target.url, deps) : startInProcessRunner(deps);
}
