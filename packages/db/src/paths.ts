import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root, found from this code wherever it runs: as source, or bundled into the built gateway. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return `${dir}${path.sep}`;
    if (path.dirname(dir) === dir) throw new Error(`No pnpm-workspace.yaml above ${from}: Custos runs from its checkout.`);
  }
}

export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The one schema and migrations folder for every database. */
export const schemaPath = `${repoRoot}prisma/schema.prisma`;
export const migrationsDir = `${repoRoot}prisma/migrations`;
/** Local state (the embedded database, development secrets), the same whichever package a command runs from. */
export const custosStateDir = `${repoRoot}.custos`;
export const defaultPgliteDir = `${custosStateDir}/pglite`;
