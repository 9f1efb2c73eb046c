import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { expect, it } from "vitest";
import baseline from "./description-baseline.json" with { type: "json" };
import { coverageSummary, descriptionCoverage } from "./descriptions.ts";
import { CONTRACT_FILE, repositoryRoot } from "./paths.ts";
import { ELEMENT_KINDS } from "./schema-elements.ts";

/**
 * Every type, field, argument, input field and enum value of the contract should say what it is.
 * Not all do yet: description-baseline.json holds how many lack one, and this fails when any kind has
 * more than that (a new element without a description). When you describe some, lower the baseline.
 */
it("no more undescribed parts of the GraphQL contract than the committed baseline", () => {
  const coverage = descriptionCoverage(buildSchema(readFileSync(path.join(repositoryRoot, CONTRACT_FILE), "utf8")));
  console.log(`description coverage: ${coverageSummary(coverage)}`);
  for (const kind of ELEMENT_KINDS) {
    const missing = coverage.undescribed[kind];
    expect(missing.length, `${kind} without a description (baseline ${baseline[kind]}): ${missing.join(", ")}`).toBeLessThanOrEqual(
      baseline[kind],
    );
  }
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
