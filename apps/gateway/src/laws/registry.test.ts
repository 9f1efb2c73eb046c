import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EEA_TIME_ZONES } from "./eea.ts";
import { DEFAULT_COMPANY_POLICY, LAWS, lawFor } from "./registry.ts";

describe("the law registry", () => {
  it("names each law once", () => {
    const ids = LAWS.map((law) => law.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lets no two laws claim a jurisdiction", () => {
    const codes = LAWS.flatMap((law) => Object.keys(law.timeZones));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(["DE", "DE-BY", "NO", "RU", "RU-MOW", "US-CA", "SG", "CN", "GB", "GB-SCT"])(
    "gives %s to the law whose table lists it",
    (jurisdiction) => {
      const law = lawFor(jurisdiction);
      expect(law.timeZones[jurisdiction] ?? law.timeZones[jurisdiction.slice(0, 2)]).toBeDefined();
    },
  );

  it.each(["US", "US-NY", "BR", "de"])("leaves %s to the company's default", (jurisdiction) => {
    expect(lawFor(jurisdiction).id).toBe("OTHER");
  });

  it("counts the EEA's 30 countries under GDPR", () => {
    expect(Object.keys(EEA_TIME_ZONES)).toHaveLength(30);
    for (const country of Object.keys(EEA_TIME_ZONES)) expect(lawFor(country).id).toBe("GDPR");
  });

  it("defaults every figure a law leaves to company policy", () => {
    for (const law of LAWS) expect(DEFAULT_COMPANY_POLICY).toMatchObject(law.companyPolicy);
  });

  it("points the coverage alarm at calendar files that exist", () => {
    for (const { calendar } of LAWS.filter((law) => law.calendar)) {
      expect(existsSync(new URL(`./calendars/${calendar?.file}`, import.meta.url))).toBe(true);
    }
  });
});
