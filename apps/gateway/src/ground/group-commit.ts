/**
 * Group commit: items that arrive while a batch is being written wait for the next batch, so concurrent callers share
 * one statement and one commit (one flush to disk) instead of one each. Batches are kept per key (a tenant-scoped
 * client: one database and tenant), hold at most `maxBatch` items, and at most `maxInFlight` are written at once.
 * Each item's promise settles with its own outcome, only once its batch was written.
 */
import { isDatabaseOutage } from "./database-errors.ts";

export type Outcome<R> = { value: R } | { error: unknown };

export interface GroupCommitOptions<K, T, R> {
  maxBatch: number;
  maxInFlight: number;
  /** Writes one batch and answers each item in order; a throw fails every item of the batch. */
  write(key: K, items: readonly T[]): Promise<Outcome<R>[]>;
}

interface Waiting<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

interface Queue<T, R> {
  waiting: Waiting<T, R>[];
  inFlight: number;
}

export function groupCommit<K extends object, T, R>(options: GroupCommitOptions<K, T, R>): (key: K, item: T) => Promise<R> {
  const queues = new WeakMap<K, Queue<T, R>>();

  async function drain(key: K, queue: Queue<T, R>): Promise<void> {
    queue.inFlight += 1;
    try {
      while (queue.waiting.length > 0) await settle(key, queue.waiting.splice(0, options.maxBatch));
    } finally {
      queue.inFlight -= 1;
    }
  }

  async function settle(key: K, batch: readonly Waiting<T, R>[]): Promise<void> {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await options.write(
        key,
        batch.map((waiting) => waiting.item),
      );
    } catch (error) {
      outcomes = batch.map(() => ({ error }));
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index] ?? { error: new Error("a batched item has no outcome") };
      if ("value" in outcome) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }

  return (key, item) => {
    let queue = queues.get(key);
    if (!queue) {
      queue = { waiting: [], inFlight: 0 };
      queues.set(key, queue);
    }
    const joined = queue;
    return new Promise<R>((resolve, reject) => {
      joined.waiting.push({ item, resolve, reject });
      if (joined.inFlight < options.maxInFlight) void drain(key, joined);
    });
  };
}

/**
 * A write whose failed batch is written again one item at a time, so an item that cannot be written fails alone and
 * the others of its batch still succeed. A database that is out fails the whole batch at once: written again item by
 * item, each would wait out its own timeout while every later item of the key waits behind them.
 */
export function oneAtATimeAfterFailure<K, T, R>(write: GroupCommitOptions<K, T, R>["write"]): GroupCommitOptions<K, T, R>["write"] {
  const writeAll = async (key: K, items: readonly T[]): Promise<Outcome<R>[]> => {
    try {
      return await write(key, items);
    } catch (error) {
      if (items.length === 1 || isDatabaseOutage(error)) return items.map(() => ({ error }));
      const outcomes: Outcome<R>[] = [];
      for (const item of items) outcomes.push(...(await writeAll(key, [item])));
      return outcomes;
    }
  };
  return writeAll;
}
