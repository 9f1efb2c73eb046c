import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** The one schema and migrations folder for every database. */
export const schemaPath = `${repoRoot}prisma/schema.prisma`;
export const migrationsDir = `${repoRoot}prisma/migrations`;
/** The embedded database's default folder, the same whichever package a command runs from. */
export const defaultPgliteDir = `${repoRoot}.custos/pglite`;
