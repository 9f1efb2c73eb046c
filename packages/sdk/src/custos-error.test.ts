import { CUSTOS_ERROR_CODES as GATEWAY_CODES, type CustosErrorCode as GatewayCode } from "@custos/gateway";
import { describe, expect, expectTypeOf, it } from "vitest";
import { GATEWAY_ERROR_CODES } from "../generated/error-codes.ts";
import { CUSTOS_ERROR_CODES, type CustosErrorCode } from "./custos-error.ts";

/** The closed part of CustosErrorCode: the codes the SDK names. */
type KnownCode = (typeof CUSTOS_ERROR_CODES)[number];

// Type level, checked by `tsc` (the package's typecheck): the list generated from the committed schema is exactly the
// gateway's, and the SDK's codes take every one of them.
expectTypeOf<(typeof GATEWAY_ERROR_CODES)[number]>().toEqualTypeOf<GatewayCode>();
expectTypeOf<GatewayCode>().toExtend<KnownCode>();
expectTypeOf<KnownCode>().toExtend<CustosErrorCode>();

describe("the SDK's error codes", () => {
  it("come from a schema that carries exactly the gateway's codes (a stale schema.graphql or generated list fails)", () => {
    expect([...GATEWAY_ERROR_CODES].sort()).toEqual([...GATEWAY_CODES].sort());
  });

  it("name every code the gateway can send, so each is documented where callers look", () => {
    const missing = GATEWAY_CODES.filter((code) => !(CUSTOS_ERROR_CODES as readonly string[]).includes(code));
    expect(missing).toEqual([]);
  });

  it("name each code once: a code the gateway takes into its enum leaves the SDK's hand-listed ones", () => {
    const twice = CUSTOS_ERROR_CODES.filter((code, index) => CUSTOS_ERROR_CODES.indexOf(code) !== index);
    expect(twice).toEqual([]);
  });
});
