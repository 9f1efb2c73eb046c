import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { run } from "./run.ts";

/**
 * A copy of the repository's working tree (tracked and new files, nothing ignored) in `dir`, installed
 * offline from pnpm's store and committed to a git repository of its own, so a release can run in it
 * (write versions, consume changesets, tag) without touching the real one.
 */
export async function copyWorkspace(root: string, dir: string): Promise<string> {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    // A file deleted in the working tree but not yet in the index is listed and missing: skip it.
    try {
      cpSync(path.join(root, file), path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  await run("pnpm", ["install", "--offline", "--frozen-lockfile", "--reporter=silent"], { cwd: dir });
  const git = (...args: string[]) => run("git", args, { cwd: dir });
  await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("-c", "user.name=release test", "-c", "user.email=release@example.com", "commit", "-q", "-m", "the release under test");
  return dir;
}
