// `pnpm db <command>`: migrations and seed for the database that DATABASE_URL (or the embedded default) names.
import { createPrismaClient } from "./client.ts";
import { databaseTargetFromEnv, describeTarget, openDatabase, UNBOUNDED } from "./database.ts";
import { applyMigrations, createMigration, migrationStatus, pendingSchemaChanges } from "./migrations/migrator.ts";
import { seedPolicyRegisters } from "./seed/fresh-install.ts";
import { seedCatalogue } from "./seed/seed.ts";

const USAGE = `usage: pnpm db <command>
  migrate      apply pending migrations from prisma/migrations
  status       list pending, failed, edited and unknown migrations (exit 1 unless up to date)
  new <name>   write the next migration from the difference between prisma/migrations and schema.prisma
  check        exit 1 when prisma/migrations and schema.prisma disagree (drift)
  seed         write the policy's catalogue (purposes, data and cookie categories), 3-year retention and its transfers
The database is DATABASE_URL (postgresql://...) or, without it, PGlite in CUSTOS_DATA_DIR.`;

async function withOpenDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const target = databaseTargetFromEnv();
  console.log(`database: ${describeTarget(target)}`);
  const db = await openDatabase(target, UNBOUNDED);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  migrate: () =>
    withOpenDatabase(async (db) => {
      const applied = await applyMigrations(db);
      for (const name of applied) console.log(`applied ${name}`);
      console.log(applied.length ? `${applied.length} migration(s) applied` : "already up to date");
      return 0;
    }),
  status: () =>
    withOpenDatabase(async (db) => {
      const status = await migrationStatus(db);
      const problems = Object.entries(status).filter(([, names]) => names.length > 0);
      for (const [kind, names] of problems) console.log(`${kind}: ${names.join(", ")}`);
      if (problems.length === 0) console.log("up to date");
      return problems.length === 0 ? 0 : 1;
    }),
  new: async ([name]) => {
    if (!name) {
      console.error("pnpm db new <name>: give the migration a name, e.g. `pnpm db new add_receipts`");
      return 2;
    }
    const folder = await createMigration(name);
    console.log(folder ? `wrote prisma/migrations/${folder}/migration.sql` : "schema.prisma and prisma/migrations agree: nothing to write");
    return 0;
  },
  check: async () => {
    const sql = await pendingSchemaChanges();
    if (!sql) {
      console.log("no drift: prisma/migrations builds exactly schema.prisma");
      return 0;
    }
    console.error(`drift: schema.prisma differs from prisma/migrations; \`pnpm db new <name>\` would write:\n${sql}`);
    return 1;
  },
  seed: () =>
    withOpenDatabase(async (db) => {
      const prisma = createPrismaClient(db);
      try {
        const { tenantId } = await seedCatalogue(prisma);
        await seedPolicyRegisters(prisma, tenantId);
        console.log(`seeded the catalogue, the 3-year retention policies and the policy's transfers for tenant ${tenantId}`);
        return 0;
      } finally {
        await prisma.$disconnect();
      }
    }),
};

const [name = "", ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.error(USAGE);
  process.exit(2);
}
command(args).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`pnpm db ${name} failed: ${error.message}`);
    process.exit(1);
  },
);
