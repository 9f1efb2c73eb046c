import { CustosError } from "../../ground/errors.ts";
import { RequestRuleError } from "../rules/index.ts";

/** Maps the pure rules' typed refusals to the gateway's stable codes; anything else is rethrown as it is. */
export function asCustosError(error: unknown): unknown {
  if (!(error instanceof RequestRuleError)) return error;
  switch (error.code) {
    case "INVALID_JURISDICTION":
      return new CustosError("INVALID_JURISDICTION", error.message);
    case "INVALID_PAUSE":
      return new Error(error.message);
    default:
      return new CustosError(error.code, error.message);
  }
}

/** Runs a rule and rethrows its refusal as a CustosError. */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    throw asCustosError(error);
  }
}
