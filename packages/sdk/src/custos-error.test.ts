import { CUSTOS_ERROR_CODES as GATEWAY_ERROR_CODES } from "@custos/gateway";
import { describe, expect, it } from "vitest";
import { CUSTOS_ERROR_CODES } from "./custos-error.ts";

describe("the SDK's error codes", () => {
  it("name every code the gateway can send, so each is documented where callers look", () => {
    const missing = GATEWAY_ERROR_CODES.filter((code) => !(CUSTOS_ERROR_CODES as readonly string[]).includes(code));
    expect(missing).toEqual([]);
  });
});
