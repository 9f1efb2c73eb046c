import { ccpa } from "./ccpa.ts";
import { SHARED_COMPANY_POLICY, type SharedCompanyPolicy } from "./company-policy.ts";
import { gdpr } from "./gdpr.ts";
import { other } from "./other.ts";
import { pipl } from "./pipl.ts";
import { ru152Fz } from "./ru-152-fz.ts";
import { sgPdpa } from "./sg-pdpa.ts";
import { ukGdpr } from "./uk-gdpr.ts";

/** Every law the gateway applies, in the order RULES.md lists them; `other` last, for what no law claims. */
export const LAWS = [gdpr, ukGdpr, ru152Fz, ccpa, sgPdpa, pipl, other] as const;

export type Law = (typeof LAWS)[number];
export type LawId = Law["id"];

type Intersection<Union> = (Union extends unknown ? (part: Union) => void : never) extends (whole: infer Whole) => void ? Whole : never;

/**
 * The figures no statute fixes (or that could not be checked against the statute's text), which the company
 * sets as its own commitment. Each one is named in the rule it feeds, with `basis: "company-policy"` or
 * `configurable: true`, so nobody mistakes it for law.
 */
export type CompanyDeadlinePolicy = SharedCompanyPolicy & Intersection<Law["companyPolicy"]>;

// Object.assign types a spread of sources as `any`: registry.test.ts checks that every law's figures are in it.
export const DEFAULT_COMPANY_POLICY: CompanyDeadlinePolicy = Object.assign(
  {},
  SHARED_COMPANY_POLICY,
  ...LAWS.map((law) => law.companyPolicy),
);

/** The law governing a jurisdiction (`US-CA` before `US`), or `other` when none does. */
export function lawFor(jurisdiction: string): Law {
  const country = jurisdiction.slice(0, 2);
  return (
    LAWS.find((law) => Object.hasOwn(law.timeZones, jurisdiction)) ?? LAWS.find((law) => Object.hasOwn(law.timeZones, country)) ?? other
  );
}
