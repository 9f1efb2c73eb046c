import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseStoredJson, StoredJsonError } from "./stored-json.ts";

describe("stored JSON", () => {
  const Counts = z.record(z.string(), z.object({ processed: z.number().int() }));

  it("reads a value of the shape written", () => {
    expect(parseStoredJson(Counts, { orders: { processed: 3 } }, "RetentionRun.counts")).toEqual({ orders: { processed: 3 } });
  });

  it("turns a row that does not parse into a typed internal error naming the column and path, never the value", () => {
    const read = () => parseStoredJson(Counts, { orders: { processed: "ivan@example.com" } }, "RetentionRun.counts");
    expect(read).toThrow(StoredJsonError);
    expect(read).toThrow("RetentionRun.counts does not hold what it should (at orders.processed).");
    expect(read).not.toThrow(/ivan/);
  });
});
