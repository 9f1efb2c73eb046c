import { describe, expect, it } from "vitest";
import { groupCommit, type Outcome, oneAtATimeAfterFailure } from "./group-commit.ts";

/** A write the test finishes by hand, so what is under way at any moment is known. */
function manualWrites(maxBatch: number, maxInFlight: number) {
  const batches: { items: number[]; finish(outcomes?: Outcome<string>[]): void; fail(error: Error): void }[] = [];
  const commit = groupCommit<object, number, string>({
    maxBatch,
    maxInFlight,
    write: (_key, items) =>
      new Promise((resolve, reject) => {
        batches.push({
          items: [...items],
          finish: (outcomes) => resolve(outcomes ?? items.map((item) => ({ value: `wrote ${item}` }))),
          fail: reject,
        });
      }),
  });
  return { batches, commit };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("puts what arrives while a batch is written into the next batch, and answers each item after its own batch", async () => {
    const { batches, commit } = manualWrites(10, 1);
    const key = {};
    const first = commit(key, 1);
    const later = [commit(key, 2), commit(key, 3)];
    await settled();
    expect(batches.map((batch) => batch.items)).toEqual([[1]]);
    batches[0]?.finish();
    expect(await first).toBe("wrote 1");
    await settled();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2, 3]]);
    batches[1]?.finish();
    expect(await Promise.all(later)).toEqual(["wrote 2", "wrote 3"]);
  });

  it("keeps batches to their size and at most the allowed number under way, per key", async () => {
    const { batches, commit } = manualWrites(2, 2);
    const one = {};
    const other = {};
    const answers = [1, 2, 3, 4, 5, 6].map((item) => commit(one, item));
    const elsewhere = commit(other, 7);
    await settled();
    // Two writes under way for the first key (1, then 2 as the second starts), one for the other key.
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [7]]);
    batches[0]?.finish();
    await settled();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [7], [3, 4]]);
    for (const batch of batches.slice(1)) batch.finish();
    await settled();
    batches[4]?.finish();
    expect(await Promise.all([...answers, elsewhere])).toEqual([
      "wrote 1",
      "wrote 2",
      "wrote 3",
      "wrote 4",
      "wrote 5",
      "wrote 6",
      "wrote 7",
    ]);
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [7], [3, 4], [5, 6]]);
  });

  it("settles each item with its own outcome, and fails only the batch whose write threw", async () => {
    const { batches, commit } = manualWrites(10, 1);
    const key = {};
    const failing = commit(key, 1);
    await settled();
    const mixed = [commit(key, 2), commit(key, 3)];
    batches[0]?.fail(new Error("connection lost"));
    await expect(failing).rejects.toThrow("connection lost");
    await settled();
    batches[1]?.finish([{ value: "ok" }, { error: new Error("refused") }]);
    expect(await mixed[0]).toBe("ok");
    await expect(mixed[1]).rejects.toThrow("refused");
  });

  it("writes a failed batch again one item at a time, so only the item that cannot be written fails", async () => {
    const attempts: number[][] = [];
    const write = oneAtATimeAfterFailure<object, number, string>(async (_key, items) => {
      attempts.push([...items]);
      if (items.includes(3)) throw new Error("item 3 breaks a constraint");
      return items.map((item) => ({ value: `wrote ${item}` }));
    });
    const outcomes = await write({}, [1, 2, 3, 4]);
    expect(outcomes.map((outcome) => ("value" in outcome ? outcome.value : (outcome.error as Error).message))).toEqual([
      "wrote 1",
      "wrote 2",
      "item 3 breaks a constraint",
      "wrote 4",
    ]);
    expect(attempts).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it("fails a whole batch at once when the database is out, instead of waiting out a timeout per item", async () => {
    const attempts: number[][] = [];
    const outage = Object.assign(new Error("Can't reach database server"), { code: "P1001" });
    const write = oneAtATimeAfterFailure<object, number, string>(async (_key, items) => {
      attempts.push([...items]);
      throw outage;
    });
    const outcomes = await write({}, [1, 2, 3]);
    expect(outcomes).toEqual([{ error: outage }, { error: outage }, { error: outage }]);
    expect(attempts).toEqual([[1, 2, 3]]);
  });
});
