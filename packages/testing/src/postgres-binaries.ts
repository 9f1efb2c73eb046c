import { constants } from "node:fs";
import { access, readdir, realpath } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  /** PostgreSQL's load generator, beside initdb's real file (PATH may hold links to initdb and pg_ctl alone). */
  readonly pgbench: string;
}

// Debian installs the server binaries here, off PATH, one folder per major version.
const DEBIAN_VERSIONS_DIR = "/usr/lib/postgresql";

/** initdb, pg_ctl and pgbench from the same folder, so they belong to the same PostgreSQL version. */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  for (const dir of [...pathDirs(), ...(await debianBinDirsNewestFirst())]) {
    const binaries = { initdb: join(dir, "initdb"), pgCtl: join(dir, "pg_ctl") };
    if ((await isExecutable(binaries.initdb)) && (await isExecutable(binaries.pgCtl))) {
      return { ...binaries, pgbench: join(dirname(await realpath(binaries.initdb)), "pgbench") };
    }
  }
  throw new Error(
    `PostgreSQL server programs (initdb, pg_ctl) are neither on PATH nor under ${DEBIAN_VERSIONS_DIR}/<version>/bin. ` +
      "Run scripts/ensure-postgres.sh (at the repository root) to install them.",
  );
}

function pathDirs(): string[] {
  return (process.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
}

async function debianBinDirsNewestFirst(): Promise<string[]> {
  const versions = await readdir(DEBIAN_VERSIONS_DIR).catch(() => []);
  return versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    .map((version) => join(DEBIAN_VERSIONS_DIR, version, "bin"));
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
