import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway } from "../../test/harness.ts";

describe.each(TEST_ENGINES)("catalogue on %s", (engine) => {
  it("lists the policy's seven purposes in order, each with its legal basis and data categories", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { status, data, errors } = await gateway.execute("{ purposes { key legalBasis requiresConsent dataCategories { key } } }");
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    const purposes = data?.purposes as { key: string; legalBasis: string; requiresConsent: boolean; dataCategories: { key: string }[] }[];
    expect(purposes.map((purpose) => [purpose.key, purpose.legalBasis, purpose.requiresConsent])).toEqual([
      ["orders_and_trading", "CONTRACT", false],
      ["risk_and_fraud_prevention", "LEGITIMATE_INTEREST", false],
      ["support", "CONTRACT", false],
      ["products_and_services", "LEGITIMATE_INTEREST", false],
      ["reporting_and_analytics", "LEGITIMATE_INTEREST", false],
      ["feature_testing", "CONSENT", true],
      ["marketing", "CONSENT", true],
    ]);
    expect(purposes.find((purpose) => purpose.key === "marketing")?.dataCategories.map((category) => category.key)).toEqual([
      "identity",
      "marketing_preferences",
      "usage",
    ]);
  });
});
