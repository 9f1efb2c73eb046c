import { DEFAULT_TENANT_SLUG } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { TEST_KEY_PEPPER } from "../../../test/harness.ts";
import { startGateway } from "../../app/server.ts";
import { silentLogger } from "../../ground/logger.ts";
import { postgresRateLimitStore } from "./postgres-rate-limit-store.ts";
import { DEFAULT_RATE_LIMITS } from "./rate-limit-settings.ts";

const ANONYMOUS_PER_MINUTE = 6;

async function statusOf(baseUrl: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ purposes { key } }" }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("rate limits on PostgreSQL", () => {
  it("give a caller one allowance across two gateways on the same database", async () => {
    await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    if (database.db.target.kind !== "postgres") throw new Error("a PostgreSQL test database");
    const url = database.db.target.url;
    const rateLimits = {
      ...DEFAULT_RATE_LIMITS,
      requestsPerMinute: { ...DEFAULT_RATE_LIMITS.requestsPerMinute, anonymous: ANONYMOUS_PER_MINUTE },
    };
    // Two gateways that share nothing but the database: each its own store, its own pool, its own memory.
    const stores = [await postgresRateLimitStore(url), await postgresRateLimitStore(url)];
    const [first, second] = await Promise.all(
      stores.map((rateLimitStore) =>
        startGateway({
          prisma: database.prisma,
          port: 0,
          log: silentLogger,
          keyPepper: TEST_KEY_PEPPER,
          tenantSlug: DEFAULT_TENANT_SLUG,
          rateLimits,
          rateLimitStore,
        }),
      ),
    );
    try {
      if (!first || !second) throw new Error("two gateways");
      const statuses: number[] = [];
      // Alternating, from one address (127.0.0.1): 3 + 3 use the allowance of 6, the 7th is refused by either gateway.
      for (let i = 0; i < ANONYMOUS_PER_MINUTE; i += 1) statuses.push(await statusOf((i % 2 === 0 ? first : second).url));
      expect(statuses).toEqual(Array(ANONYMOUS_PER_MINUTE).fill(200));
      expect(await statusOf(first.url)).toBe(429);
      expect(await statusOf(second.url)).toBe(429);
    } finally {
      await first?.stop();
      await second?.stop();
      for (const store of stores) await store.close();
    }
  });
});
