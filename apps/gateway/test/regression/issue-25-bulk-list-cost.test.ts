// Issue 25, finding 7: one request with 15 aliases of `consentStates` over 10,000 ids did 150k lookups and returned
// 4.6 MB; graphql-armor's cost limit does not see a list argument's length. The items in all of a document's list
// arguments now count against QUERY_LIMITS.maxListedItems (10,000, the most one bulk check takes).
import { describe, expect, it } from "vitest";
import { MAX_BULK_SUBJECTS } from "../../src/consent/check/bulk-consent-check.ts";
import { dataOf, startTestGateway } from "../harness.ts";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `cust-${from + i}`);
const check = (alias: string, variable: string) => `${alias}: consentStates(purpose: "marketing", subjectIds: $${variable}) { subjectId }`;

describe("issue 25: bulk lists cost by their length", () => {
  it("one check of 10,000 ids passes; 15 aliases of it are refused before any lookup (150,000 → 0)", async () => {
    await using gateway = await startTestGateway("pglite");
    const one = await gateway.asStaff(`query ($ids: [String!]!) { ${check("a", "ids")} }`, { ids: ids(MAX_BULK_SUBJECTS) });
    expect(one.errors).toBeUndefined();
    expect(dataOf<unknown[]>(one, "a")).toHaveLength(MAX_BULK_SUBJECTS);

    const fields = Array.from({ length: 15 }, (_, i) => check(`a${i}`, "ids")).join(" ");
    const fanned = await gateway.asStaff(`query ($ids: [String!]!) { ${fields} }`, { ids: ids(MAX_BULK_SUBJECTS) });
    expect([fanned.status, fanned.errors?.[0]?.extensions?.code, fanned.data ?? null]).toEqual([400, "TOO_MANY_SUBJECTS", null]);
  });

  it("the items are summed over aliases, fragments and literal lists", async () => {
    await using gateway = await startTestGateway("pglite");
    const half = MAX_BULK_SUBJECTS / 2;
    const two = `query ($x: [String!]!, $y: [String!]!) { ${check("a", "x")} ${check("b", "y")} }`;
    expect((await gateway.asStaff(two, { x: ids(half), y: ids(half, half) })).errors).toBeUndefined();
    expect((await gateway.asStaff(two, { x: ids(half), y: ids(half + 1, half) })).errors?.[0]?.extensions?.code).toBe("TOO_MANY_SUBJECTS");

    const spread = `query ($x: [String!]!) { ...F a2: consentStates(purpose: "marketing", subjectIds: ["c1", "c2"]) { subjectId } }
      fragment F on Query { ${check("a", "x")} }`;
    expect((await gateway.asStaff(spread, { x: ids(MAX_BULK_SUBJECTS - 2) })).errors).toBeUndefined();
    expect((await gateway.asStaff(spread, { x: ids(MAX_BULK_SUBJECTS - 1) })).errors?.[0]?.extensions?.code).toBe("TOO_MANY_SUBJECTS");
  });
});
