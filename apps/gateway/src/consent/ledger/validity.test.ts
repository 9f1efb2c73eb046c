import { describe, expect, it } from "vitest";
import { addCalendarMonths } from "../../ground/calendar-months.ts";
import { CNIL_COOKIE_CHOICE_MONTHS, consentValidity, laterMaterialPolicyEffective, type PolicyVersionFacts } from "./validity.ts";

const granted = { decision: "GRANTED" as const, decidedAt: "2025-01-31T09:00:00Z" };
const question = { state: granted, laterMaterialPolicyEffective: false, defaultValidityMonths: 12, now: "2025-06-01T00:00:00Z" };

describe("consentValidity", () => {
  it("reports NOT_ASKED when there is no decision", () => {
    expect(consentValidity({ ...question, state: null })).toEqual({ status: "NOT_ASKED", processingAllowed: false, validUntil: null });
  });

  it("reports WITHDRAWN for a withdrawal", () => {
    const state = { decision: "WITHDRAWN" as const, decidedAt: "2025-02-01T00:00:00Z" };
    expect(consentValidity({ ...question, state })).toEqual({ status: "WITHDRAWN", processingAllowed: false, validUntil: null });
  });

  it("reports GRANTED within the default validity period", () => {
    expect(consentValidity(question)).toEqual({ status: "GRANTED", processingAllowed: true, validUntil: "2026-01-31T09:00:00.000Z" });
  });

  it("reports EXPIRED once the default validity period has passed", () => {
    expect(consentValidity({ ...question, now: "2026-01-31T09:00:00Z" })).toMatchObject({ status: "EXPIRED", processingAllowed: false });
  });

  it("prefers the decision's own expiresAt over the default period", () => {
    const state = { ...granted, expiresAt: "2025-03-01T00:00:00Z" };
    expect(consentValidity({ ...question, state })).toEqual({
      status: "EXPIRED",
      processingAllowed: false,
      validUntil: "2025-03-01T00:00:00.000Z",
    });
  });

  it("never expires a grant without expiresAt when there is no default period", () => {
    expect(consentValidity({ ...question, defaultValidityMonths: null, now: "2040-01-01T00:00:00Z" })).toEqual({
      status: "GRANTED",
      processingAllowed: true,
      validUntil: null,
    });
  });

  it("reports NEEDS_RENEWAL after a material policy change, and stops processing", () => {
    expect(consentValidity({ ...question, laterMaterialPolicyEffective: true })).toMatchObject({
      status: "NEEDS_RENEWAL",
      processingAllowed: false,
    });
  });

  it("reports EXPIRED rather than NEEDS_RENEWAL when both apply", () => {
    expect(consentValidity({ ...question, laterMaterialPolicyEffective: true, now: "2027-01-01T00:00:00Z" })).toMatchObject({
      status: "EXPIRED",
    });
  });

  it("offers the CNIL's six months for cookie choices, ending on the same calendar day or at the end of the month's last day", () => {
    expect(CNIL_COOKIE_CHOICE_MONTHS).toBe(6);
    expect(addCalendarMonths(new Date("2025-08-28T09:00:00Z"), CNIL_COOKIE_CHOICE_MONTHS).toISOString()).toBe("2026-02-28T09:00:00.000Z");
    expect(addCalendarMonths(new Date("2025-08-31T09:00:00Z"), CNIL_COOKIE_CHOICE_MONTHS).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("laterMaterialPolicyEffective", () => {
  const versions: PolicyVersionFacts[] = [
    { id: "privacy-1", kind: "PRIVACY", effectiveAt: "2024-01-01T00:00:00Z", material: false },
    { id: "privacy-2", kind: "PRIVACY", effectiveAt: "2025-01-01T00:00:00Z", material: false },
    { id: "privacy-3", kind: "PRIVACY", effectiveAt: "2025-07-01T00:00:00Z", material: true },
    { id: "cookie-1", kind: "COOKIE", effectiveAt: "2024-01-01T00:00:00Z", material: false },
  ];

  it("is true once a later material version of the same kind is effective", () => {
    expect(laterMaterialPolicyEffective("privacy-1", versions, "2025-07-01T00:00:00Z")).toBe(true);
  });

  it("is false before that version takes effect, and for non-material changes", () => {
    expect(laterMaterialPolicyEffective("privacy-1", versions, "2025-06-30T23:59:59Z")).toBe(false);
  });

  it("ignores other kinds of policy and the consent's own version", () => {
    expect(laterMaterialPolicyEffective("cookie-1", versions, "2026-01-01T00:00:00Z")).toBe(false);
    expect(laterMaterialPolicyEffective("privacy-3", versions, "2026-01-01T00:00:00Z")).toBe(false);
  });

  it("is false when the consent names no known policy version", () => {
    expect(laterMaterialPolicyEffective(null, versions, "2026-01-01T00:00:00Z")).toBe(false);
  });
});
