import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { DEFAULT_TENANT_SLUG, type PrismaClient } from "@custos/db";
import type { CallerKind } from "./access/caller.ts";
import type { Context } from "./context.ts";
import { formatError, unexpectedErrorLogging } from "./errors.ts";
import { createExplorer, EXPLORER_SCRIPT_PATH, EXPLORER_STYLE_PATH, wantsExplorer } from "./explorer/explorer-route.ts";
import { createOriginAllowlist } from "./http/cors.ts";
import { sendError, sendJson } from "./http/graphql-handler.ts";
import { graphqlRoute } from "./http/graphql-route.ts";
import { introspectionForStaffAndPartners } from "./limits/introspection.ts";
import { queryLimits } from "./limits/query-limits.ts";
import { createRateLimiter, REQUESTS_PER_MINUTE } from "./limits/rate-limit.ts";
import { createJsonLogger, type Logger } from "./logger.ts";
import { EXPORT_ROUTE_PREFIX, exportRoute } from "./requests/export-route.ts";
import { schema } from "./schema/index.ts";

export const DEFAULT_PORT = 4000;
const MAX_BODY_BYTES = 1024 * 1024;

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
  requestsPerMinute?: Record<CallerKind, number>;
  /** How long the CORS allowlist is cached. */
  originCacheMs?: number;
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
  if (!tenant) throw new Error(`No tenant "${tenantSlug}" in the database; run \`pnpm db seed\`.`);

  const httpServer = createServer();
  const limits = queryLimits();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads from Apollo's CDN; browsers get our bundled explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      introspectionForStaffAndPartners(options.production ?? process.env.NODE_ENV === "production"),
      unexpectedErrorLogging,
    ],
  });
  await apollo.start();

  const handleGraphql = graphqlRoute({
    apollo,
    prisma,
    authentication: { prisma, keyPepper: options.keyPepper, anonymousTenantId: tenant.id },
    isAllowedOrigin: createOriginAllowlist(prisma, options.originCacheMs),
    rateLimit: createRateLimiter(options.requestsPerMinute ?? REQUESTS_PER_MINUTE),
    log,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  const handleHealth = async (res: ServerResponse) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      sendJson(res, 200, { status: "ok" });
    } catch {
      sendJson(res, 503, { status: "unavailable" });
    }
  };
  const handleExport = exportRoute(prisma);
  const explorer = createExplorer();
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    "/graphql": async (req, res) => (wantsExplorer(req) ? explorer.page(res) : handleGraphql(req, res)),
    [EXPLORER_SCRIPT_PATH]: async (_req, res) => explorer.script(res),
    [EXPLORER_STYLE_PATH]: async (_req, res) => explorer.style(res),
    "/health": (_req, res) => handleHealth(res),
    [EXPORT_ROUTE_PREFIX]: (req, res) => handleExport(req, res, options.keyPepper),
  };
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? "/", "http://gateway");
    // Routes ending in "/" serve everything below them (a download per request); the others match exactly.
    const route = routes[pathname.startsWith(EXPORT_ROUTE_PREFIX) ? EXPORT_ROUTE_PREFIX : pathname];
    if (!route) return sendJson(res, 404, { error: "not found" });
    route(req, res).catch((error: unknown) => {
      const requestId = res.getHeader("x-request-id");
      log.error("request failed", { requestId, error: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? DEFAULT_PORT, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const stop = () => apollo.stop();
  return { url: `http://${options.host ?? "127.0.0.1"}:${port}`, stop, [Symbol.asyncDispose]: stop };
}
