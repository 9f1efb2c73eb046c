import { describe, expect, it } from "vitest";
import { RetentionRuleError, validateRetentionPolicy } from "./retention-policy.ts";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof RetentionRuleError ? error.code : "not a RetentionRuleError";
  }
  return undefined;
}

describe("validateRetentionPolicy", () => {
  it("defaults to the three years the privacy policy promises", () => {
    expect(validateRetentionPolicy({ trigger: "COLLECTION", action: "DELETE" })).toEqual({
      periodMonths: 36,
      trigger: "COLLECTION",
      action: "DELETE",
    });
    expect(validateRetentionPolicy({ periodMonths: null, trigger: "LAST_ACTIVITY", action: "ANONYMISE" }).periodMonths).toBe(36);
  });

  it.each([1, 12, 1200])("accepts %i months", (periodMonths) => {
    expect(validateRetentionPolicy({ periodMonths, trigger: "CONTRACT_END", action: "ANONYMISE" }).periodMonths).toBe(periodMonths);
  });

  it.each([0, -1, 1201, 1.5, Number.NaN])("refuses %d months", (periodMonths) => {
    expect(codeOf(() => validateRetentionPolicy({ periodMonths, trigger: "COLLECTION", action: "DELETE" }))).toBe(
      "INVALID_RETENTION_PERIOD",
    );
  });

  it("refuses an unknown trigger or action", () => {
    expect(codeOf(() => validateRetentionPolicy({ trigger: "FOREVER", action: "DELETE" }))).toBe("UNKNOWN_RETENTION_TRIGGER");
    expect(codeOf(() => validateRetentionPolicy({ trigger: "REQUEST_CLOSED", action: "ARCHIVE" }))).toBe("UNKNOWN_RETENTION_ACTION");
  });
});
