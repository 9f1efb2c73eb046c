// Release guardrails, run by `npm test` and by `pnpm version-packages`:
//   check [--base <ref>]   every changed public package has a changeset; the contract against the last release
//   record-release         the contract as released: copies apps/gateway/schema.graphql to .changeset/released-schema.graphql
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSchema } from "graphql";
import { missingChangesetMessage, packagesMissingChangesets, readPendingChangesets } from "./changesets.ts";
import { compareContract } from "./contract.ts";
import { coverageSummary, descriptionCoverage } from "./descriptions.ts";
import { CONTRACT_FILE, CONTRACT_PACKAGE, CONTRACT_PACKAGE_DIR, RELEASED_CONTRACT_FILE, repositoryRoot } from "./paths.ts";

/** The branch changes are compared with: `--base`, CUSTOS_RELEASE_BASE, else main, else origin/main. */
function resolveBase(root: string, given: string | undefined): string {
  const candidates = given ? [given] : process.env.CUSTOS_RELEASE_BASE ? [process.env.CUSTOS_RELEASE_BASE] : ["main", "origin/main"];
  for (const ref of candidates) {
    try {
      execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, stdio: "ignore" });
      return ref;
    } catch {}
  }
  throw new Error(
    `release check: no git ref ${candidates.join(" or ")} to compare with; set CUSTOS_RELEASE_BASE to the branch you merge into.`,
  );
}

async function check(root: string, baseArg: string | undefined): Promise<boolean> {
  const base = resolveBase(root, baseArg);
  let ok = true;
  const missing = await packagesMissingChangesets(root, base);
  if (missing.length > 0) {
    console.error(missingChangesetMessage(missing, base));
    ok = false;
  }
  const releasedPath = path.join(root, RELEASED_CONTRACT_FILE);
  const released = existsSync(releasedPath) ? readFileSync(releasedPath, "utf8") : undefined;
  const sdkManifest = JSON.parse(readFileSync(path.join(root, CONTRACT_PACKAGE_DIR, "package.json"), "utf8"));
  const current = readFileSync(path.join(root, CONTRACT_FILE), "utf8");
  const report = await compareContract({
    released,
    current,
    releasedVersion: sdkManifest.version,
    pending: await readPendingChangesets(root),
    contractPackage: CONTRACT_PACKAGE,
  });
  if (released === undefined) {
    console.log(`contract: ${CONTRACT_PACKAGE} has not been released yet (no ${RELEASED_CONTRACT_FILE}); nothing to break.`);
  } else {
    console.log(
      `contract against ${CONTRACT_PACKAGE}@${sdkManifest.version}: ${report.breaking.length} breaking, ${report.dangerous.length} dangerous, ${report.safe.length} safe change(s).`,
    );
    for (const change of report.dangerous) console.log(`  dangerous: ${change.message}`);
  }
  for (const problem of report.problems) console.error(problem);
  console.log(`contract descriptions: ${coverageSummary(descriptionCoverage(buildSchema(current)))} described.`);
  return ok && report.problems.length === 0;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { base: { type: "string" }, root: { type: "string" } } });
const root = values.root ?? repositoryRoot;
switch (positionals[0]) {
  case "check":
    if (!(await check(root, values.base))) process.exit(1);
    console.log("release check: passed");
    break;
  case "record-release":
    copyFileSync(path.join(root, CONTRACT_FILE), path.join(root, RELEASED_CONTRACT_FILE));
    console.log(`recorded ${CONTRACT_FILE} as the released contract, ${RELEASED_CONTRACT_FILE}`);
    break;
  default:
    console.error("usage: cli.ts check [--base <ref>] | record-release");
    process.exit(2);
}
