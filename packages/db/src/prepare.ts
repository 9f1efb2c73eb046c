import type { PrismaClient } from "../generated/prisma/client.ts";
import { createPrismaClient } from "./client.ts";
import { type Database, type DatabaseTarget, describeTarget, openDatabase } from "./database.ts";
import { applyMigrations, migrationStatus } from "./migrations/migrator.ts";
import { seedExampleSystems, seedPolicyRegisters } from "./seed/fresh-install.ts";
import { seedCatalogue } from "./seed/seed.ts";

export interface ReadyDatabase {
  db: Database;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(`The database lacks ${pending.length} migration(s) (${pending.join(", ")}); run \`pnpm db migrate\` first.`);
  }
}

/**
 * Opens the database for a gateway. The embedded PGlite database belongs to this process, so it is
 * migrated and seeded here. A PostgreSQL server is shared by many gateways and is migrated once, by
 * `pnpm db migrate` at deploy time; here it is only checked to be up to date.
 */
export async function prepareDatabase(target: DatabaseTarget, log: (line: string) => void = () => {}): Promise<ReadyDatabase> {
  const db = await openDatabase(target);
  try {
    if (target.kind === "pglite") {
      const applied = await applyMigrations(db);
      if (applied.length > 0) log(`applied ${applied.length} migration(s) to ${describeTarget(target)}`);
    } else {
      const { pending } = await migrationStatus(db);
      if (pending.length > 0) throw new PendingMigrationsError(pending);
    }
    const prisma = createPrismaClient(db);
    if (target.kind === "pglite" && (await prisma.tenant.count()) === 0) {
      const { tenantId } = await seedCatalogue(prisma);
      await seedPolicyRegisters(prisma, tenantId);
      await seedExampleSystems(prisma, tenantId);
      log("seeded the policy's catalogue, retention, transfers and example data systems (accounts, orders)");
    }
    return {
      db,
      prisma,
      close: async () => {
        await prisma.$disconnect();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
