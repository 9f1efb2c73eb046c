import type { PrismaClient } from "../generated/prisma/client.ts";
import { createPrismaClient } from "./client.ts";
import { type Database, type DatabaseTarget, describeTarget, GATEWAY_DATABASE_BOUNDS, openDatabase } from "./database.ts";
import { applyMigrations, migrationStatus } from "./migrations/migrator.ts";
import { seededPgliteTemplate } from "./pglite-template.ts";
import { seedFreshInstall } from "./seed/fresh-install.ts";

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
 * migrated and seeded here; a new folder starts as a copy of one migrated and seeded before (pglite-template.ts).
 * A PostgreSQL server is shared by many gateways and is migrated once, by `pnpm db migrate` at deploy time; here
 * it is only checked to be up to date.
 */
export async function prepareDatabase(target: DatabaseTarget, log: (line: string) => void = () => {}): Promise<ReadyDatabase> {
  let template: string | undefined;
  const db = await openDatabase(target, GATEWAY_DATABASE_BOUNDS, async () => {
    template = await seededPgliteTemplate();
    return template;
  });
  try {
    if (template) {
      // The template's name says which migrations it has: the folder's, every one. No schema engine to start.
      log(`created ${describeTarget(target)} as a copy of ${template}, migrated and seeded`);
    } else {
      const { pending } = await migrationStatus(db);
      if (pending.length > 0 && target.kind === "postgres") throw new PendingMigrationsError(pending);
      // The schema engine starts only when there is something to apply: a restart with nothing new skips it.
      if (pending.length > 0) log(`applied ${(await applyMigrations(db)).length} migration(s) to ${describeTarget(target)}`);
    }
    const prisma = createPrismaClient(db);
    if (target.kind === "pglite" && (await prisma.tenant.count()) === 0) {
      await seedFreshInstall(prisma);
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
