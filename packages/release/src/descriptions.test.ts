import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { expect, it } from "vitest";
import { coverageSummary, descriptionCoverage } from "./descriptions.ts";
import { CONTRACT_FILE, repositoryRoot } from "./paths.ts";
import { ELEMENT_KINDS } from "./schema-elements.ts";

/**
 * Every type, field, argument, input field and enum value of the contract says what it is: a partner reads the
 * contract without other documentation. This fails on any element without a description, and names each one.
 */
it("describes every part of the GraphQL contract", () => {
  const coverage = descriptionCoverage(buildSchema(readFileSync(path.join(repositoryRoot, CONTRACT_FILE), "utf8")));
  console.log(`description coverage: ${coverageSummary(coverage)}`);
  const undescribed = ELEMENT_KINDS.flatMap((kind) => coverage.undescribed[kind].map((coordinate) => `${kind}: ${coordinate}`));
  expect(undescribed, `${undescribed.length} elements of ${CONTRACT_FILE} without a description:\n${undescribed.join("\n")}`).toEqual([]);
});

it("counts each kind's undescribed elements by schema coordinate", () => {
  const schema = buildSchema(`
    """Root."""
    type Query {
      """Described."""
      a(x: Int, """Described.""" y: Int): Colour
      b(filter: Filter): Int
    }
    input Filter { """Described.""" min: Int max: Int }
    enum Colour { """Described.""" RED GREEN }
  `);
  const { total, undescribed } = descriptionCoverage(schema);
  expect(total).toEqual({ types: 3, fields: 2, arguments: 3, inputFields: 2, enumValues: 2 });
  expect(undescribed).toEqual({
    types: ["Filter", "Colour"],
    fields: ["Query.b"],
    arguments: ["Query.a(x:)", "Query.b(filter:)"],
    inputFields: ["Filter.max"],
    enumValues: ["Colour.GREEN"],
  });
});
