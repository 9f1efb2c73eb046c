import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { DEFAULT_TENANT_SLUG, type PrismaClient, scopeToTenant } from "@custos/db";
import { type OpenIdSettings, openIdStaffSignIn } from "../access/staff-sign-in.ts";
import { credentialStore } from "../cross-tenant/credential-store.ts";
import { databaseGauges } from "../cross-tenant/database-gauges.ts";
import { exportDownloads } from "../cross-tenant/export-downloads.ts";
import { createOriginAllowlist } from "../cross-tenant/origin-allowlist.ts";
import { recomputeProvisionalDeadlines } from "../cross-tenant/provisional-deadlines.ts";
import { publicConsentLogs } from "../cross-tenant/public-consent-logs.ts";
import type { Context } from "../ground/context.ts";
import { isDatabaseOutage, RETRY_AFTER_SECONDS, withinTime } from "../ground/database-errors.ts";
import { formatError, unexpectedErrorLogging } from "../ground/errors.ts";
import { createJsonLogger, type Logger } from "../ground/logger.ts";
import { recordOf } from "../ground/request-record.ts";
import { coverageSummary, warnAboutCoverage } from "../requests/deadlines/coverage-alarm.ts";
import { EXPORT_ROUTE_PREFIX } from "../requests/fulfilment/export-package.ts";
import type { CuratedCalendars } from "../requests/rules/index.ts";
import { createExplorer, EXPLORER_SCRIPT_PATH, EXPLORER_STYLE_PATH, wantsExplorer } from "../transport/explorer/explorer-route.ts";
import { CONSENT_LOG_ROUTE_PREFIX, consentLogRoute } from "../transport/http/consent-log-route.ts";
import { exportRoute } from "../transport/http/export-route.ts";
import { sendError, sendJson } from "../transport/http/graphql-handler.ts";
import { graphqlRoute } from "../transport/http/graphql-route.ts";
import { createMetrics } from "../transport/http/metrics.ts";
import { operationRecording } from "../transport/http/operation-recording.ts";
import { requestUrl } from "../transport/http/request-url.ts";
import { introspectionForStaffAndPartners } from "../transport/limits/introspection.ts";
import { listCost, QUERY_LIMITS, queryLimits } from "../transport/limits/query-limits.ts";
import { createRateLimiter, memoryRateLimitStore, type RateLimitStore } from "../transport/limits/rate-limit.ts";
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "../transport/limits/rate-limit-settings.ts";
import { answerStatus, requestGuard } from "../transport/limits/request-guard.ts";
import { secretAttempts } from "../transport/limits/secret-attempts.ts";
import { secretGuessing } from "../transport/limits/secret-fields.ts";
import { submissionLimit } from "../transport/limits/submission-limit.ts";
import { DEFAULT_PORT } from "./config/config.ts";
import { schema } from "./schema/index.ts";

const MAX_BODY_BYTES = 1024 * 1024;
/** A load balancer's probe gives up after about a second; answering 503 sooner lets it move on. */
export const HEALTH_TIMEOUT_MS = 800;
/**
 * How long a stopping gateway lets requests in flight finish before it closes their connections: inside the 10 s an
 * orchestrator waits between SIGTERM and SIGKILL, with room left to stop the jobs and close the database.
 */
export const DRAIN_GRACE_MS = 8_000;

/** The port is taken, or the address is not this machine's: said in one line instead of a stack. */
export class ListenError extends Error {
  constructor(host: string, port: number, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === "EADDRINUSE"
        ? `port ${port} on ${host} is in use (another gateway?); stop it or set PORT`
        : cause.code === "EACCES"
          ? `port ${port} needs privileges this user lacks; set PORT above 1023`
          : `${cause.code ?? cause.message}`;
    super(`Cannot listen on ${host}:${port}: ${why}.`, { cause });
    this.name = "ListenError";
  }
}

export interface GatewayOptions {
  prisma: PrismaClient;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Tenant whose public catalogue callers without credentials see. */
  tenantSlug?: string;
  log?: Logger;
  /** Secret the API key hashes are keyed with (see access/key-pepper.ts). */
  keyPepper: string;
  /** Production mode turns introspection off for everyone but privacy staff. */
  production?: boolean;
  /** What each caller may do per minute or hour (limits/rate-limit-settings.ts), or "off". */
  rateLimits?: RateLimitSettings;
  /** Where the counts live; this process's memory unless given (main.ts gives PostgreSQL's to a gateway on it). */
  rateLimitStore?: RateLimitStore;
  /** How long the CORS allowlist is cached. */
  originCacheMs?: number;
  /** A PEM certificate (chain) and key: the gateway serves HTTPS itself. Unset, plain HTTP (behind a TLS proxy). */
  tls?: { cert: string; key: string };
  /** Addresses of the reverse proxies in front of the gateway, whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
  /** The bearer token a Prometheus scraper sends for GET /metrics; unset, /metrics answers 404. */
  metricsToken?: string;
  /** The curated working-day calendars provisional deadlines are recounted with at start; the ones in force by default. */
  calendars?: CuratedCalendars;
  /** The company's OpenID provider: its people sign in as staff or auditors of the tenant `tenantSlug`. */
  openId?: OpenIdSettings;
  /** Origins of the privacy desk, allowed by CORS. */
  deskOrigins?: readonly string[];
}

export interface RunningGateway {
  /** Base URL; GraphQL is served at `${url}/graphql`, health at `${url}/health`. */
  url: string;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { prisma, log = createJsonLogger() } = options;
  const tenantSlug = options.tenantSlug ?? DEFAULT_TENANT_SLUG;
  const tenant = await prisma.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true } });
  const deskOrigins = new Set(options.deskOrigins ?? []);
  const isStorefrontOrigin = createOriginAllowlist(prisma, options.originCacheMs);
  if (!tenant) throw new Error(`No tenant "${tenantSlug}" in the database; run \`pnpm db seed\`.`);
  const recount = await recomputeProvisionalDeadlines(prisma, options.calendars);
  if (recount.checked > 0) {
    log.info("provisional deadlines recounted", {
      checked: recount.checked,
      settled: recount.settled,
      moved: recount.moved.map((moved) => moved.requestId),
    });
  }

  const httpServer = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }) : createServer();
  const limits = queryLimits();
  const trustedProxies = new Set(options.trustedProxies ?? []);
  const rateLimit = createRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS, options.rateLimitStore ?? memoryRateLimitStore());
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Apollo turns introspection off for everyone when NODE_ENV=production; the plugin below lets staff keep it.
    introspection: true,
    // A document over the token limit is a parse failure (400), checked by graphql-js itself as it parses.
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // No client uses automatic persisted queries; off, a hash-only or mismatched request is a clear 400.
    persistedQueries: false,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    // The process stops the gateway itself (main.ts: requests and jobs drained, then the database closed).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      // Apollo's landing page loads from Apollo's CDN; browsers get our bundled explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      // No field sets a cache hint (answers depend on the caller; http/public-answers.ts keeps the public ones), and
      // Apollo's cache-control plugin would otherwise wrap every field's resolution to collect them.
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      requestGuard,
      listCost,
      submissionLimit(rateLimit),
      secretGuessing(rateLimit),
      introspectionForStaffAndPartners(options.production ?? false),
      answerStatus,
      unexpectedErrorLogging,
      operationRecording,
    ],
  });
  await apollo.start();

  const handleGraphql = graphqlRoute({
    apollo,
    tenantClient: (tenantId) => scopeToTenant(prisma, tenantId),
    authentication: {
      credentials: credentialStore(prisma),
      keyPepper: options.keyPepper,
      anonymousTenantId: tenant.id,
      staffSignIn: options.openId && { signIn: openIdStaffSignIn(options.openId), tenantId: tenant.id, tenantSlug },
    },
    isAllowedOrigin: async (origin) => deskOrigins.has(origin) || (await isStorefrontOrigin(origin)),
    rateLimit,
    log,
    maxBodyBytes: MAX_BODY_BYTES,
    trustedProxies,
  });
  const handleHealth = async (res: ServerResponse) => {
    try {
      await withinTime(prisma.$queryRaw`SELECT 1`, HEALTH_TIMEOUT_MS);
      sendJson(res, 200, { status: "ok", calendars: coverageSummary() });
    } catch {
      res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      sendJson(res, 503, { status: "unavailable", calendars: coverageSummary() });
    }
  };
  const attempts = secretAttempts(rateLimit, trustedProxies);
  const handleExport = exportRoute(exportDownloads(prisma), attempts);
  const explorer = createExplorer();
  const metrics = createMetrics(databaseGauges(prisma), options.metricsToken, attempts);
  type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  const routes: Record<string, Route> = {
    "/graphql": async (req, res, url) => (wantsExplorer(req) ? explorer.page(res) : handleGraphql(req, res, url)),
    [EXPLORER_SCRIPT_PATH]: async (_req, res) => explorer.script(res),
    [EXPLORER_STYLE_PATH]: async (_req, res) => explorer.style(res),
    "/health": (_req, res) => handleHealth(res),
    "/metrics": (req, res) => metrics.route(req, res),
    [EXPORT_ROUTE_PREFIX]: (req, res, url) => handleExport(req, res, url, options.keyPepper),
    [CONSENT_LOG_ROUTE_PREFIX]: consentLogRoute(publicConsentLogs(prisma)),
  };
  const prefixed = [EXPORT_ROUTE_PREFIX, CONSENT_LOG_ROUTE_PREFIX];
  const failed = (res: ServerResponse, error: unknown) => {
    const requestId = res.getHeader("x-request-id");
    const outage = isDatabaseOutage(error);
    log.error(outage ? "database unavailable" : "request failed", { requestId, error: error instanceof Error ? error.name : typeof error });
    if (res.headersSent) return res.end();
    if (!outage) return sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
    res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    sendError(res, 503, "DATABASE_UNAVAILABLE", "The database did not answer in time; nothing was written. Retry shortly.");
  };
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    // One access log line per request: no address, no credentials, no query text; the caller's kind and the operation.
    res.once("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      const record = recordOf(res);
      metrics.observe(record, res.statusCode, seconds);
      log.info("request", {
        requestId: record.requestId,
        method: req.method,
        path: (req.url ?? "").split("?")[0]?.slice(0, 200),
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        caller: record.callerKind,
        operation: record.field,
        operationName: record.operationName,
        errors: record.errorCodes.length > 0 ? record.errorCodes : undefined,
      });
    });
    try {
      const url = requestUrl(req);
      if (!url) return sendError(res, 400, "BAD_REQUEST_URL", "The request target must be a path on this server, such as /graphql.");
      // Routes ending in "/" serve everything below them (a download per request); the others match exactly.
      const route = routes[prefixed.find((prefix) => url.pathname.startsWith(prefix)) ?? url.pathname];
      if (!route) return sendError(res, 404, "NOT_FOUND", "No such path: GraphQL is served at /graphql, health at /health.");
      route(req, res, url).catch((error: unknown) => failed(res, error));
    } catch (error) {
      failed(res, error);
    }
  });
  // A broken socket or a malformed request line is answered (or dropped) here; it never reaches the process.
  httpServer.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });

  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? DEFAULT_PORT;
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(requestedPort, host, resolve);
    });
  } catch (error) {
    await apollo.stop().catch(() => {});
    throw new ListenError(host, requestedPort, error as NodeJS.ErrnoException);
  }
  const { port } = httpServer.address() as AddressInfo;
  warnAboutCoverage(log);
  const stop = () => apollo.stop();
  return { url: `${options.tls ? "https" : "http"}://${host}:${port}`, stop, [Symbol.asyncDispose]: stop };
}
