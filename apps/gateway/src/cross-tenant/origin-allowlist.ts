import type { PrismaClient } from "@custos/db";

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
