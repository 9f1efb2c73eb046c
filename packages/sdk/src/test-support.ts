// Helpers for this package's tests; not part of the SDK's entry point.
import { CustosError } from "./custos-error.ts";

/** The CustosError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function failureOf(call: Promise<unknown>): Promise<CustosError> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof CustosError)) throw new Error(`expected a CustosError, got ${String(error)}`);
  return error;
}
