import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import type { TenantScopedPrisma } from "@custos/db";
import { type AuthenticationSettings, authenticate } from "../../access/authenticate.ts";
import type { createOriginAllowlist } from "../../cross-tenant/origin-allowlist.ts";
import type { Caller } from "../../ground/caller.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import type { Logger } from "../../ground/logger.ts";
import { recordOf } from "../../ground/request-record.ts";
import type { RateDecision, RateLimiter } from "../limits/rate-limit.ts";
import { clientAddress } from "./client-address.ts";
import { allowOrigin, answerPreflight } from "./cors.ts";
import { executeGraphql, sendError } from "./graphql-handler.ts";

export interface GraphqlRouteOptions {
  apollo: ApolloServer<Context>;
  /** The client of the caller's tenant (scopeToTenant). */
  tenantClient: (tenantId: string) => TenantScopedPrisma;
  authentication: AuthenticationSettings;
  isAllowedOrigin: ReturnType<typeof createOriginAllowlist>;
  rateLimit: RateLimiter;
  log: Logger;
  maxBodyBytes: number;
  /** Reverse proxies whose X-Forwarded-For names the client (http/client-address.ts). */
  trustedProxies: ReadonlySet<string>;
}

/** A publishable key works only from the origins it was issued for; a call without an Origin is not from a page. */
function originRefused(caller: Caller, origin: string | undefined): boolean {
  return caller.kind === "storefront" && (origin === undefined || !caller.allowedOrigins.includes(origin));
}

/**
 * Everything that happens before GraphQL runs: CORS, credentials, per-caller rate limit. Each
 * refusal is a GraphQL-shaped error with a stable code and the right HTTP status.
 */
export function graphqlRoute(options: GraphqlRouteOptions) {
  const { apollo, tenantClient, authentication, isAllowedOrigin, rateLimit, log, maxBodyBytes, trustedProxies } = options;
  const tooMany = (res: ServerResponse, decision: Extract<RateDecision, { allowed: false }>) => {
    res.setHeader("retry-after", String(decision.retryAfterSeconds));
    sendError(res, 429, "RATE_LIMITED", `Too many requests; retry after ${decision.retryAfterSeconds} s.`);
  };
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    // Returned to the caller, so a support question can be matched to the gateway's log lines.
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    const record = recordOf(res);
    record.requestId = requestId;
    const origin = req.headers.origin;
    const originAllowed = origin !== undefined && (await isAllowedOrigin(origin));
    if (req.method === "OPTIONS") return answerPreflight(req, res, originAllowed);
    if (origin !== undefined) res.setHeader("vary", "Origin");
    if (originAllowed) allowOrigin(res, origin);

    const address = clientAddress(req, trustedProxies);
    let caller: Caller;
    try {
      caller = await authenticate(authentication, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof CustosError)) throw error;
      // Past the budget a refusal is a 429, not logged; valid credentials from the same address still work.
      const refusals = await rateLimit.refused(address);
      if (!refusals.allowed) return tooMany(res, refusals);
      log.info("credentials refused", { requestId, reason: error.message });
      // A person signed in without a role here is known but not allowed: 403, so the desk says so instead of "sign in".
      return sendError(res, error.code === "FORBIDDEN" ? 403 : 401, error.code, error.message);
    }
    record.callerKind = caller.kind;
    if (originRefused(caller, origin)) return sendError(res, 403, "FORBIDDEN", "This publishable key is not issued for this origin.");
    const decision = await rateLimit.request(caller, address);
    if (!decision.allowed) return tooMany(res, decision);
    const context: Context = {
      prisma: tenantClient(caller.tenantId),
      caller,
      tenantId: caller.tenantId,
      requestId,
      log,
      keyPepper: authentication.keyPepper,
      clientAddress: address,
      record,
    };
    await executeGraphql(apollo, req, res, context, maxBodyBytes, url);
  };
}
