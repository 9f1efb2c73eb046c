import { randomToken } from "./random-token.ts";

/** A fresh idempotency key for one write: a retry of the same write sends the same key, so the ledger records it once. */
export function newIdempotencyKey(): string {
  return `sdk:${randomToken()}`;
}

/** The input with an idempotency key: the caller's when given, a fresh one otherwise. */
export function withIdempotencyKey<T extends { idempotencyKey?: string | null }>(input: T): T & { idempotencyKey: string } {
  return { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
}
