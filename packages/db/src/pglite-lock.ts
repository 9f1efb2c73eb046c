import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";

/** Another process has the embedded database open; PGlite can serve only one. */
export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is open in another process (pid ${pid}, e.g. a running \`pnpm start\`). ` +
        "PGlite serves one process at a time: stop that process first, or do this through the running gateway " +
        "(the createApiKey and sweepRetention mutations), or run on PostgreSQL (DATABASE_URL).",
    );
    this.name = "DatabaseInUseError";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the embedded database's lock file (`<dataDir>.lock`, holding this process's id) or refuses with a clear
 * message while another live process holds it. A lock left by a process that died is taken over. Without it a
 * second process (a CLI beside the gateway) would open the same folder, and its writes or the gateway's be lost.
 */
export async function lockPgliteDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) throw new DatabaseInUseError(dataDir, holder);
      // Stale (its process is gone) or half-written: remove it and try again; `wx` settles a race between two takers.
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock file of ${dataDir}; remove ${lockFile} if no process uses the database.`);
}
