import type { IncomingMessage, ServerResponse } from "node:http";
import { consistency, findCheckpoint } from "../../consent/proofs/consent-log.ts";
import { publishedKeys } from "../../consent/proofs/signing-keys.ts";
import type { PublicConsentLogs } from "../../cross-tenant/public-consent-logs.ts";
import { sendError, sendJson } from "./graphql-handler.ts";

/** Everything below it is public: a tenant's signing keys, its checkpoints and consistency proofs between them. */
export const CONSENT_LOG_ROUTE_PREFIX = "/.well-known/custos/";

const SIZE = /^(0|[1-9][0-9]{0,9})$/;

/**
 * GET /.well-known/custos/<tenant>/keys         the JWK Set of every signing key, each with validFrom and validUntil
 * GET /.well-known/custos/<tenant>/checkpoint   the newest signed checkpoint (published every minute while events come)
 * GET /.well-known/custos/<tenant>/checkpoints/<size>          the checkpoint of that tree size
 * GET /.well-known/custos/<tenant>/consistency?from=<m>&to=<n> the RFC 9162 consistency proof between two sizes
 * No credentials and nothing personal: what anyone needs to verify a receipt or watch the log, with no database.
 */
export function consentLogRoute(logs: PublicConsentLogs) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== "GET") return sendError(res, 405, "METHOD_NOT_ALLOWED", "Use GET.");
    const [slug = "", resource, size, ...rest] = url.pathname.slice(CONSENT_LOG_ROUTE_PREFIX.length).split("/");
    const notFound = () => sendError(res, 404, "NOT_FOUND", "No such consent log resource.");
    const db = rest.length === 0 ? await logs(slug) : null;
    if (!db) return notFound();
    res.setHeader("cache-control", "public, max-age=60");
    // Public by design: any page may fetch the keys and checkpoints to verify a receipt in the browser (the privacy desk).
    res.setHeader("access-control-allow-origin", "*");
    if (resource === "keys" && size === undefined) return sendJson(res, 200, await publishedKeys(db));
    if (resource === "checkpoint" && size === undefined) {
      const newest = await findCheckpoint(db);
      return newest ? sendJson(res, 200, newest) : notFound();
    }
    if (resource === "checkpoints" && size !== undefined && SIZE.test(size)) {
      const checkpoint = await findCheckpoint(db, { size: Number(size) });
      return checkpoint ? sendJson(res, 200, checkpoint) : notFound();
    }
    if (resource === "consistency" && size === undefined) {
      const from = url.searchParams.get("from") ?? "";
      const to = url.searchParams.get("to") ?? "";
      const proof = SIZE.test(from) && SIZE.test(to) ? await consistency(db, Number(from), Number(to)) : null;
      if (!proof) return sendError(res, 400, "INVALID_CHECKPOINT", "`from` and `to` must be tree sizes, from ≤ to ≤ the log's size.");
      return sendJson(res, 200, { fromSize: Number(from), toSize: Number(to), proof });
    }
    return notFound();
  };
}
