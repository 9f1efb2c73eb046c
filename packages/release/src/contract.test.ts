import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import type { PendingChangeset } from "./changesets.ts";
import { compareContract } from "./contract.ts";
import { CONTRACT_FILE, CONTRACT_PACKAGE, repositoryRoot } from "./paths.ts";

const contract = readFileSync(path.join(repositoryRoot, CONTRACT_FILE), "utf8");
/** A deliberate breaking change to the real contract: `Query.controller` removed. */
const withoutController = print(
  visit(parse(contract), {
    FieldDefinition: (node, _key, _parent, _path, ancestors) => {
      const owner = ancestors.at(-1) as { name?: { value: string } } | undefined;
      return owner?.name?.value === "Query" && node.name.value === "controller" ? null : undefined;
    },
  }),
);

const changeset = (type: PendingChangeset["releases"][number]["type"], summary: string): PendingChangeset => ({
  id: `test-${type}`,
  summary,
  releases: [{ name: CONTRACT_PACKAGE, type }],
});
const compare = (released: string, current: string, pending: PendingChangeset[], releasedVersion = "1.2.0") =>
  compareContract({ released, current, releasedVersion, pending, contractPackage: CONTRACT_PACKAGE });

describe("the contract against the last release", () => {
  it("the deliberate breaking change is one the diff sees", () => {
    expect(withoutController).not.toBe(contract);
  });

  it("fails a breaking change that comes with only a minor changeset", async () => {
    const report = await compare(contract, withoutController, [changeset("minor", "Removed `controller`.")]);
    expect(report.breaking.map((change) => change.message)).toEqual(["Field 'controller' was removed from object type 'Query'"]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain("bumps @custos/sdk to a new major version");
  });

  it("fails a breaking change with a major changeset that does not say how partners migrate", async () => {
    const report = await compare(contract, withoutController, [changeset("major", "Removed `controller`.")]);
    expect(report.problems[0]).toContain('none says how partners migrate: add a paragraph starting with "**Migration:**"');
  });

  it("passes a breaking change with a major changeset and its migration note", async () => {
    const summary = "Removed `controller`.\n\n**Migration:** read the controller's contact from `purposes` instead.";
    const report = await compare(contract, withoutController, [changeset("major", summary)]);
    expect(report.problems).toEqual([]);
  });

  it("passes additions without any major changeset", async () => {
    const report = await compare(withoutController, contract, []);
    expect(report.breaking).toEqual([]);
    expect(report.safe.map((change) => change.message)).toContain("Field 'controller' was added to object type 'Query'");
    expect(report.problems).toEqual([]);
  });

  it("passes the contract as it stands against itself", async () => {
    expect(await compare(contract, contract, [])).toMatchObject({ breaking: [], dangerous: [], safe: [], problems: [] });
  });

  it("fails a deprecation without a reason or without the major version that removes it", async () => {
    const deprecate = (reason: string) => contract.replace(/^( {2}controller: [^\n]+)$/m, `$1 @deprecated${reason}`);
    const released = "1.2.0";
    expect((await compare(contract, deprecate(""), [], released)).problems).toEqual([
      'Query.controller is deprecated without a reason: say what to use instead and "Removed in N.0.0."',
    ]);
    expect((await compare(contract, deprecate('(reason: "Use `purposes`.")'), [], released)).problems[0]).toContain(
      'end the reason with "Removed in 2.0.0."',
    );
    expect((await compare(contract, deprecate('(reason: "Use `purposes`. Removed in 1.0.0.")'), [], released)).problems).toHaveLength(1);
    expect((await compare(contract, deprecate('(reason: "Use `purposes`. Removed in 2.0.0.")'), [], released)).problems).toEqual([]);
  });
});
