import { describe, expect, it } from "vitest";
import { rateLimitsFromEnv } from "./rate-limit-settings.ts";

describe("rate limits from the environment", () => {
  it("keeps the README's allowances when nothing is set", () => {
    expect(rateLimitsFromEnv({})).toEqual({
      requestsPerMinute: { anonymous: 60, storefront: 120, shopper: 120, service: 1200, partner: 300, staff: 600, auditor: 600 },
      refusedCredentialsPerMinute: 20,
      submissionsPerHour: 30,
    });
  });

  it("takes one allowance per caller kind and leaves the others", () => {
    const settings = rateLimitsFromEnv({ CUSTOS_RATE_LIMIT_SERVICE: "50000", CUSTOS_RATE_LIMIT_SUBMISSIONS: "5" });
    expect(settings).toMatchObject({ requestsPerMinute: { service: 50000, anonymous: 60 }, submissionsPerHour: 5 });
  });

  it("turns every counter off", () => {
    expect(rateLimitsFromEnv({ CUSTOS_RATE_LIMITS: "off", CUSTOS_RATE_LIMIT_SERVICE: "oops" })).toBe("off");
  });

  it.each([
    ["CUSTOS_RATE_LIMITS", "maybe", /CUSTOS_RATE_LIMITS must be "on" or "off"/],
    ["CUSTOS_RATE_LIMIT_ANONYMOUS", "0", /CUSTOS_RATE_LIMIT_ANONYMOUS must be a whole number of at least 1, not "0"/],
    ["CUSTOS_RATE_LIMIT_STAFF", "1.5", /CUSTOS_RATE_LIMIT_STAFF must be a whole number/],
    ["CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS", "-3", /CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS must be a whole number/],
  ])("names the variable of a bad value: %s=%s", (name, value, message) => {
    expect(() => rateLimitsFromEnv({ [name]: value })).toThrow(message);
  });
});
