import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";
import type { PendingChangeset } from "./changesets.ts";
import { schemaElements } from "./schema-elements.ts";

export interface ContractReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** Why the contract cannot be released as it stands; empty when it can. */
  problems: string[];
}

/** A changeset says how partners migrate in a paragraph that starts with "**Migration:**" (or a "Migration" heading). */
const MIGRATION_NOTE = /^(\*\*Migrat(e|ion)\b[^*\n]*\*\*|#{1,6}\s*Migrat(e|ion)\b)/im;
/** A deprecation names the release that removes it: "… Removed in 3.0.0." */
const REMOVAL_VERSION = /\bRemoved in (\d+)\.0\.0\b/;
const GRAPHQL_DEFAULT_REASON = "No longer supported";

/**
 * Compares the contract with the last released one. A breaking change needs a pending changeset that
 * bumps the contract's package a major version and says how partners migrate; every deprecation
 * carries a reason and the major version that removes it.
 */
export async function compareContract(options: {
  released: string | undefined;
  current: string;
  releasedVersion: string;
  pending: PendingChangeset[];
  contractPackage: string;
}): Promise<ContractReport> {
  const current = buildSchema(options.current);
  const changes = options.released === undefined ? [] : await diff(buildSchema(options.released), current);
  const byLevel = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level);
  const report: ContractReport = {
    breaking: byLevel(CriticalityLevel.Breaking),
    dangerous: byLevel(CriticalityLevel.Dangerous),
    safe: byLevel(CriticalityLevel.NonBreaking),
    problems: [],
  };
  if (report.breaking.length > 0) {
    const majors = options.pending.filter((changeset) =>
      changeset.releases.some((release) => release.name === options.contractPackage && release.type === "major"),
    );
    const listed = report.breaking.map((change) => `  - ${change.message}`).join("\n");
    if (majors.length === 0) {
      report.problems.push(
        `The GraphQL contract has ${report.breaking.length} breaking change(s) since the last release:\n${listed}\n` +
          `Either keep the old shape (deprecate instead of removing; add instead of changing), or add a changeset ` +
          `(\`pnpm changeset\`) that bumps ${options.contractPackage} to a new major version and says how partners migrate ` +
          `in a paragraph starting with "**Migration:**".`,
      );
    } else if (!majors.some((changeset) => MIGRATION_NOTE.test(changeset.summary))) {
      report.problems.push(
        `The GraphQL contract has breaking change(s) and a major changeset (${majors.map((c) => c.id).join(", ")}), ` +
          `but none says how partners migrate: add a paragraph starting with "**Migration:**" to it.\n${listed}`,
      );
    }
  }
  const releasedMajor = Number(options.releasedVersion.split(".")[0]);
  for (const { coordinate, deprecationReason: reason } of schemaElements(current)) {
    if (reason === null || reason === undefined) continue;
    const removal = reason.match(REMOVAL_VERSION);
    if (reason.trim() === "" || reason === GRAPHQL_DEFAULT_REASON) {
      report.problems.push(`${coordinate} is deprecated without a reason: say what to use instead and "Removed in N.0.0."`);
    } else if (!removal || Number(removal[1]) <= releasedMajor) {
      report.problems.push(
        `${coordinate} is deprecated ("${reason}") without a removal version after ${options.releasedVersion}: end the reason with "Removed in ${releasedMajor + 1}.0.0."`,
      );
    }
  }
  return report;
}
