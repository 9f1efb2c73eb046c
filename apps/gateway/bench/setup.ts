// The benchmark's database: a PostgreSQL database of its own on the tests' server (scripts/ensure-postgres.sh,
// @custos/testing), migrated and seeded like a fresh install, with the keys the load uses and subjects to read.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPrismaClient,
  openDatabase,
  prepareDatabase,
  scopeToTenant,
  seedExampleSystems,
  seedPolicyRegisters,
  UNBOUNDED,
} from "@custos/db";
import { createMigratedTestDatabase, type MigratedTestDatabase } from "@custos/db/testing";
import { type PostgresServer, startPostgres } from "@custos/testing";
import { createApiKey } from "../src/access/api-key-service.ts";

export interface BenchDatabase {
  server: PostgresServer;
  database: MigratedTestDatabase;
  url: string;
  tenantId: string;
  keyPepper: string;
  staffToken: string;
  serviceToken: string;
  postgresVersion: string;
  close(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const server = await startPostgres();
  const database = await createMigratedTestDatabase("postgres", server.adminUrl);
  const { prisma } = database;
  if (database.db.target.kind !== "postgres") throw new Error("the benchmark runs on PostgreSQL");
  const { url } = database.db.target;
  const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
  await seedPolicyRegisters(prisma, tenantId);
  await seedExampleSystems(prisma, tenantId);
  const keyPepper = randomBytes(32).toString("base64url");
  const db = scopeToTenant(prisma, tenantId);
  const staff = await createApiKey(db, tenantId, keyPepper, { kind: "STAFF", name: "benchmark staff" });
  const service = await createApiKey(db, tenantId, keyPepper, { kind: "SERVICE", name: "benchmark orders app", dataSystemKey: "orders" });
  const [{ server_version: postgresVersion }] = await prisma.$queryRaw<[{ server_version: string }]>`SHOW server_version`;
  return {
    server,
    database,
    url,
    tenantId,
    keyPepper,
    staffToken: staff.token,
    serviceToken: service.token,
    postgresVersion,
    close: async () => {
      await database.close();
      await server.stop();
    },
  };
}

/**
 * Bench setup, not a test: `count` subjects `bench-1` … `bench-<count>` with a current marketing decision, written
 * with generate_series in two statements (a million in seconds) instead of a million API calls.
 */
export async function seedDecidedSubjects(bench: BenchDatabase, count: number): Promise<void> {
  // A million rows take longer than the gateway's statement timeout allows.
  const unbounded = await openDatabase({ kind: "postgres", url: bench.url }, UNBOUNDED);
  const prisma = createPrismaClient(unbounded);
  const tenantId = bench.tenantId;
  try {
    await prisma.$executeRaw`
    INSERT INTO "DataSubject" (id, "tenantId", "externalId")
    SELECT gen_random_uuid(), ${tenantId}::uuid, 'bench-' || g FROM generate_series(1, ${count}) g`;
    await prisma.$executeRaw`
    INSERT INTO "ConsentState" ("subjectId", "purposeId", decision, channel, "lastEventId", "decidedAt", "policyVersionId")
    SELECT s.id, p.id, CASE WHEN right(s."externalId", 1) IN ('1', '3', '5') THEN 'WITHDRAWN' ELSE 'GRANTED' END::"ConsentDecision",
      'BANNER', gen_random_uuid(), now(), v.id
    FROM "DataSubject" s, "Purpose" p, "PolicyVersion" v
    WHERE s."tenantId" = ${tenantId}::uuid AND s."externalId" LIKE 'bench-%' AND p."tenantId" = s."tenantId" AND p.key = 'marketing'
      AND v."tenantId" = s."tenantId" AND v.kind = 'PRIVACY'`;
    await prisma.$executeRawUnsafe("ANALYZE");
  } finally {
    await prisma.$disconnect();
  }
}

export interface EmbeddedBenchDatabase {
  dataDir: string;
  keyPepper: string;
  serviceToken: string;
  remove(): Promise<void>;
}

/**
 * An embedded database folder as `npm start` makes it (a copy of the migrated and seeded template), with a service
 * key for the load; closed again, since PGlite serves one process and the gateway under test is that process.
 */
export async function createEmbeddedBenchDatabase(): Promise<EmbeddedBenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "custos-bench-embedded-"));
  const keyPepper = randomBytes(32).toString("base64url");
  const ready = await prepareDatabase({ kind: "pglite", dataDir });
  try {
    const { id: tenantId } = await ready.prisma.tenant.findFirstOrThrow();
    const db = scopeToTenant(ready.prisma, tenantId);
    const service = await createApiKey(db, tenantId, keyPepper, { kind: "SERVICE", name: "benchmark orders app", dataSystemKey: "orders" });
    return { dataDir, keyPepper, serviceToken: service.token, remove: () => rm(dataDir, { recursive: true, force: true }) };
  } finally {
    await ready.close();
  }
}
