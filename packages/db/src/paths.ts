import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** The one schema and migrations folder for every database. */
export const schemaPath = `${repoRoot}prisma/schema.prisma`;
export const migrationsDir = `${repoRoot}prisma/migrations`;
/** Local state (the embedded database, development secrets), the same whichever package a command runs from. */
export const custosStateDir = `${repoRoot}.custos`;
export const defaultPgliteDir = `${custosStateDir}/pglite`;
