import { createMigratedTestDatabase } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../ground/logger.ts";
import { startGraphileRunner } from "./graphile-runner.ts";

const GATEWAYS = 4;
const FRESH_DATABASES = 3;

describe("the PostgreSQL job queue", () => {
  // A regression: graphile-worker's install raced when two gateways started together on a fresh database, and the
  // loser exited with "duplicate key value violates unique constraint pg_namespace_nspname_index".
  it("starts in gateways that start together on a fresh database", async () => {
    for (let round = 0; round < FRESH_DATABASES; round++) {
      await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
      const { target } = database.db;
      if (target.kind !== "postgres") throw new Error("a PostgreSQL test database");
      const deps = { prisma: database.prisma, log: silentLogger, transport: undefined, noticeMaxAttempts: 3 };
      const started = await Promise.allSettled(Array.from({ length: GATEWAYS }, () => startGraphileRunner(target.url, deps)));
      const runners = started.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
      await Promise.all(runners.map((runner) => runner.stop()));
      expect(started.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    }
  }, 120_000);
});
