// What `pnpm keys`, `pnpm systems` and `pnpm retention` share: their arguments, --help, and a one-line message instead of a stack.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { prepareDatabase, scopeToTenant, type TenantScopedPrisma } from "@custos/db";
import { type DatabaseConfig, loadDatabaseConfig } from "../config/config.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses the arguments; `--help` prints the usage and exits 0, a malformed command line prints it and exits 2. */
export function parseCommandLine<T extends Options>(usage: string, options: T) {
  try {
    const parsed = parseArgs({ allowPositionals: true, options: { ...options, help: { type: "boolean", short: "h" } } });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

/**
 * A command line that parses but asks for nothing the command does (`pnpm keys frobnicate`, a bad --kind): the
 * problem and the usage, exit 2. Commands check their arguments this way before they open the database, so a wrong
 * command answers the same whether or not the gateway holds the embedded database.
 */
export function usageError(usage: string, problem?: string): never {
  console.error(problem ? `${problem}\n${usage}` : usage);
  process.exit(2);
}

/** Ends the command with the error's message only: what went wrong is for the user, the stack is not. */
export function exitWithMessage(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

/** The configuration a command runs with; a bad setting ends it with the variable's name, before anything opens. */
export function commandConfig(): DatabaseConfig {
  try {
    return loadDatabaseConfig();
  } catch (error) {
    exitWithMessage(error);
  }
}

export interface TenantCommand {
  config: DatabaseConfig;
  tenant: { id: string; slug: string };
  db: TenantScopedPrisma;
}

/**
 * Runs a command on one tenant of the database the environment names: `work` returns the exit code (0 when it
 * returns nothing); any error ends the command with its message only. On the embedded database, opening refuses
 * while the gateway runs (it holds the folder's lock): see pglite-lock.ts.
 */
export async function runOnTenant(slug: string, work: (command: TenantCommand) => Promise<number | undefined>): Promise<void> {
  const config = commandConfig();
  const database = await prepareDatabase(config.database).catch(exitWithMessage);
  try {
    const tenant = await database.prisma.tenant.findUnique({ where: { slug }, select: { id: true, slug: true } });
    if (!tenant) throw new Error(`No tenant "${slug}".`);
    process.exitCode = (await work({ config, tenant, db: scopeToTenant(database.prisma, tenant.id) })) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await database.close();
  }
  // The command is over once its database is closed. Prisma's schema engine, when this command migrated the embedded
  // database (a new template, `memory://`), leaves a timer that would hold the process ~10 s longer: `npm start`
  // waited for it before the gateway could start. Exits once what was printed is written.
  process.stdout.write("", () => process.exit());
}
