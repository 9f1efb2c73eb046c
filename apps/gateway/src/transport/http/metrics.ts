// Prometheus metrics at GET /metrics, for a scraper holding CUSTOS_METRICS_TOKEN (Authorization: Bearer …).
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DatabaseGauges } from "../../cross-tenant/database-gauges.ts";
import type { RequestRecord } from "../../ground/request-record.ts";
import { coverageSummary } from "../../requests/deadlines/coverage-alarm.ts";
import type { SecretAttempts } from "../limits/secret-attempts.ts";
import { sendError } from "./graphql-handler.ts";

export interface GatewayMetrics {
  /** Counts one answered request. */
  observe(record: RequestRecord, status: number, seconds: number): void;
  route(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One registry per gateway. Labels are bounded by the schema and the code: the operation is its root field
 * (`query.purposes`), never the client's operation name. The database gauges are read at each scrape, in all tenants.
 */
export function createMetrics(database: DatabaseGauges, token: string | undefined, attempts: SecretAttempts): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "custos_" });
  const requests = new Counter({
    name: "custos_requests_total",
    help: "Requests answered, by operation (root field), caller kind and HTTP status.",
    labelNames: ["operation", "caller", "status"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "custos_request_duration_seconds",
    help: "Time from the request's arrival to its answer, by operation.",
    labelNames: ["operation"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "custos_errors_total",
    help: "Errors answered, by code.",
    labelNames: ["code"],
    registers: [registry],
  });
  new Gauge({
    name: "custos_outbox_notices",
    help: "Notices by state: PENDING and QUEUED are the queue's depth, FAILED the dead-letter list.",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { status, count } of await database.unsentNotices()) this.set({ status }, count);
    },
  });
  new Gauge({
    name: "custos_outbox_oldest_unsent_seconds",
    help: "Age of the oldest notice not yet sent nor dead-lettered (0 when none waits).",
    registers: [registry],
    async collect() {
      const oldest = await database.oldestUnsentNoticeAt();
      this.set(oldest ? (Date.now() - oldest.getTime()) / 1000 : 0);
    },
  });
  new Gauge({
    name: "custos_requests_overdue",
    help: "Open data-subject requests past their deadline.",
    registers: [registry],
    async collect() {
      this.set(await database.overdueRequests());
    },
  });
  new Gauge({
    name: "custos_calendar_coverage_days_left",
    help: "Days until a curated working-day calendar runs out; deadlines past it are provisional.",
    labelNames: ["jurisdiction"],
    registers: [registry],
    collect() {
      for (const { jurisdiction, daysLeft } of coverageSummary()) this.set({ jurisdiction }, daysLeft);
    },
  });

  return {
    observe(record, status, seconds) {
      const operation = record.field ?? "none";
      requests.inc({ operation, caller: record.callerKind ?? "none", status: String(status) });
      latency.observe({ operation }, seconds);
      for (const code of record.errorCodes) errors.inc({ code });
    },
    async route(req, res) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!token) return sendError(res, 404, "NOT_FOUND", "Metrics are off: set CUSTOS_METRICS_TOKEN to serve them.");
      // Wrong tokens count against the address's refused credentials; past them it is answered 429, right or wrong.
      const address = await attempts.admit(req, res);
      if (address === undefined) return;
      if (!given || !sameSecret(given, token)) {
        await attempts.wrong(address);
        return sendError(res, 401, "UNAUTHENTICATED", "Metrics need the bearer token CUSTOS_METRICS_TOKEN.");
      }
      res.setHeader("content-type", registry.contentType);
      res.end(await registry.metrics());
    },
  };
}
