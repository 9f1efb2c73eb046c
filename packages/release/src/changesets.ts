import path from "node:path";
import { getChangedFilesSince } from "@changesets/git";
import readChangesets from "@changesets/read";
import { getPackages } from "@manypkg/get-packages";
import { CONTRACT_FILE, CONTRACT_PACKAGE } from "./paths.ts";

export interface PendingChangeset {
  id: string;
  summary: string;
  releases: { name: string; type: "major" | "minor" | "patch" | "none" }[];
}

/** Files a package's users never see; changing only these needs no changeset. */
const UNPUBLISHED_FILE = /(\.test\.ts|\.test-d\.ts|(^|\/)test-support\.ts|(^|\/)vitest\.config\.ts)$/;

export function readPendingChangesets(root: string, sinceRef?: string): Promise<PendingChangeset[]> {
  return readChangesets(root, sinceRef);
}

/**
 * Public packages (and the GraphQL contract, which the SDK ships) that changed since the branch left
 * `base`, but that no changeset added since then names. An empty changeset (`pnpm changeset --empty`)
 * names no package and so does not count: it is for changes to private packages only.
 */
export async function packagesMissingChangesets(root: string, base: string): Promise<{ name: string; files: string[] }[]> {
  const { packages } = await getPackages(root);
  const changed = (await getChangedFilesSince({ cwd: root, ref: base })).filter((file) => !UNPUBLISHED_FILE.test(file));
  const named = new Set(
    (await readPendingChangesets(root, base)).flatMap((changeset) => changeset.releases.map((release) => release.name)),
  );
  const missing: { name: string; files: string[] }[] = [];
  for (const pkg of packages) {
    if (pkg.packageJson.private) continue;
    const dir = path.relative(root, pkg.dir).split(path.sep).join("/");
    const files = changed.filter(
      (file) => file.startsWith(`${dir}/`) || (pkg.packageJson.name === CONTRACT_PACKAGE && file === CONTRACT_FILE),
    );
    if (files.length > 0 && !named.has(pkg.packageJson.name)) missing.push({ name: pkg.packageJson.name, files });
  }
  return missing;
}

export function missingChangesetMessage(missing: { name: string; files: string[] }[], base: string): string {
  const lines = missing.map(({ name, files }) => `  - ${name}: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}`);
  return [
    `These published packages changed since ${base}, but no changeset added on this branch names them:`,
    ...lines,
    `Add one: run \`pnpm changeset\`, pick the package, pick the bump (major when partners' code or queries can break,`,
    `see .changeset/README.md), write what its users will notice, and commit the new .changeset/*.md file.`,
  ].join("\n");
}
