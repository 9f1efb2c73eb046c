import type { IncomingMessage, ServerResponse } from "node:http";
import type { PrismaClient } from "@custos/db";

const ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name";

/**
 * The CORS allowlist is the union of the origins of every live publishable key, re-read at most
 * every `ttlMs`, so a new storefront works (and a revoked one stops) without a restart.
 */
export function createOriginAllowlist(prisma: PrismaClient, ttlMs = 30_000) {
  let loaded: { at: number; origins: Set<string> } | undefined;
  return async (origin: string): Promise<boolean> => {
    if (!loaded || Date.now() - loaded.at > ttlMs) {
      const keys = await prisma.apiKey.findMany({
        where: { kind: "PUBLISHABLE", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
        select: { allowedOrigins: true },
      });
      loaded = { at: Date.now(), origins: new Set(keys.flatMap((key) => key.allowedOrigins)) };
    }
    return loaded.origins.has(origin);
  };
}

export function allowOrigin(res: ServerResponse, origin: string) {
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", "x-request-id, retry-after");
}

/** Answers a preflight; an origin off the list gets no CORS headers, so the browser refuses. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowed: boolean) {
  res.setHeader("vary", "Origin");
  if (!allowed) {
    res.writeHead(403).end();
    return;
  }
  allowOrigin(res, req.headers.origin ?? "");
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
  res.setHeader("access-control-max-age", "600");
  res.writeHead(204).end();
}
