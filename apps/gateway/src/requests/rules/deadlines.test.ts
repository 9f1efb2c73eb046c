import { describe, expect, it } from "vitest";
import { DEFAULT_COMPANY_POLICY } from "./company-policy.ts";
import { computeDeadlines, type DeadlineInput } from "./deadlines.ts";
import type { RequestType } from "./request-kinds.ts";

const at = (iso: string) => new Date(iso);

function deadlines(jurisdiction: string, type: RequestType, receivedAt: string, more: Partial<DeadlineInput> = {}) {
  return computeDeadlines({ jurisdiction, type, receivedAt: at(receivedAt), ...more });
}

describe("GDPR Art. 12(3)", () => {
  it("ends a month from 31 January on the last day of February", () => {
    const result = deadlines("FR", "ACCESS", "2025-01-31T10:00:00+01:00");
    expect(result.rule).toMatchObject({ id: "GDPR-ART-12-3", basis: "statute", configurable: false });
    expect(result.rule.source).toBe("https://eur-lex.europa.eu/eli/reg/2016/679/oj");
    expect(result.dueOn).toBe("2025-02-28");
    expect(result.dueAt.toISOString()).toBe("2025-02-28T22:59:59.999Z");
    expect(result.timeZone).toBe("Europe/Paris");
  });

  it("ends on 29 February in a leap year", () => {
    expect(deadlines("FR", "ERASURE", "2028-01-31T09:00:00+01:00").dueOn).toBe("2028-02-29");
  });

  it("counts the day of receipt in the jurisdiction's zone", () => {
    const result = deadlines("FR", "ACCESS", "2025-01-30T23:30:00Z");
    expect(result.receivedOn).toBe("2025-01-31");
    expect(result.dueOn).toBe("2025-02-28");
  });

  it("moves a deadline ending on a German public holiday to the next working day (1182/71 Art. 3(4))", () => {
    const result = deadlines("DE", "ACCESS", "2025-09-03T12:00:00+02:00");
    expect(result.dueOn).toBe("2025-10-06");
    expect(result.movedToNextWorkingDay).toBe(true);
    expect(result.calendar).toBe("public holidays of DE (date-holidays)");
  });

  it("moves a deadline ending on the French national day", () => {
    expect(deadlines("FR", "RECTIFICATION", "2025-06-14T12:00:00+02:00").dueOn).toBe("2025-07-15");
  });

  it("moves a deadline ending on a Saturday to Monday", () => {
    const result = deadlines("IE", "PORTABILITY", "2025-02-01T12:00:00Z");
    expect(result.dueOn).toBe("2025-03-03");
    expect(result.movedToNextWorkingDay).toBe(true);
  });

  it("uses a subdivision's holidays when given one", () => {
    expect(deadlines("DE-BY", "ACCESS", "2025-12-06T12:00:00+01:00").dueOn).toBe("2026-01-07");
    expect(deadlines("DE", "ACCESS", "2025-12-06T12:00:00+01:00").dueOn).toBe("2026-01-06");
  });

  it("offers an extension whose notice is due by the end of the first month", () => {
    const result = deadlines("DE", "ACCESS", "2025-01-15T12:00:00+01:00");
    expect(result.dueOn).toBe("2025-02-17");
    expect(result.extensionNoticeBy).toEqual(result.dueAt);
    expect(result.extendedDueAt).toBeUndefined();
  });

  it("extends by two further months, three months from receipt", () => {
    const result = deadlines("DE", "ACCESS", "2025-01-15T12:00:00+01:00", {
      extension: { reason: "request covers ten years of orders", requestedAt: at("2025-02-10T09:00:00+01:00") },
    });
    expect(result.extendedDueAt?.toISOString()).toBe("2025-04-15T21:59:59.999Z");
    expect(result.extensionNoticeBy?.toISOString()).toBe("2025-02-17T22:59:59.999Z");
  });

  it("refuses an extension notified after the first month", () => {
    expect(() =>
      deadlines("DE", "ACCESS", "2025-01-15T12:00:00+01:00", {
        extension: { reason: "complex", requestedAt: at("2025-02-18T08:00:00+01:00") },
      }),
    ).toThrow(expect.objectContaining({ code: "EXTENSION_TOO_LATE" }));
  });

  it("refuses an extension without reasons", () => {
    expect(() =>
      deadlines("DE", "ACCESS", "2025-01-15T12:00:00+01:00", { extension: { reason: "  ", requestedAt: at("2025-01-20T08:00:00+01:00") } }),
    ).toThrow(expect.objectContaining({ code: "EXTENSION_REASON_REQUIRED" }));
  });

  it("stops the clock while identity is awaited", () => {
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [{ from: at("2025-03-03T10:00:00+01:00"), to: at("2025-03-10T12:00:00+01:00") }],
    });
    expect(result.pausesApplied).toBe(true);
    expect(result.pausedDays).toBe(6);
    expect(result.dueOn).toBe("2025-04-09");
    expect(result.pauseRule).toMatch(/EDPB Guidelines 01\/2022/);
  });

  it("counts overlapping pauses once", () => {
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [
        { from: at("2025-03-05T10:00:00+01:00"), to: at("2025-03-08T10:00:00+01:00") },
        { from: at("2025-03-06T10:00:00+01:00"), to: at("2025-03-07T10:00:00+01:00") },
      ],
    });
    expect(result.pausedDays).toBe(3);
    expect(result.dueOn).toBe("2025-04-07");
  });

  it("ignores a pause recorded after the period ended", () => {
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [{ from: at("2025-04-10T10:00:00+02:00"), to: at("2025-04-12T10:00:00+02:00") }],
    });
    expect(result.dueOn).toBe("2025-04-03");
  });

  it.each([
    ["ends before it starts", { from: at("2025-03-05T10:00:00Z"), to: at("2025-03-04T10:00:00Z") }],
    ["starts before receipt", { from: at("2025-03-01T10:00:00Z"), to: at("2025-03-04T10:00:00Z") }],
  ])("rejects a pause that %s", (_case, pause) => {
    expect(() => deadlines("FR", "ACCESS", "2025-03-03T09:00:00Z", { pauses: [pause] })).toThrow(
      expect.objectContaining({ code: "INVALID_PAUSE" }),
    );
  });

  it("leaves questions to company policy", () => {
    const result = deadlines("DE", "QUESTION", "2025-03-03T09:00:00+01:00");
    expect(result.rule).toMatchObject({ id: "GDPR-COMPANY-POLICY", basis: "company-policy", configurable: true });
    expect(result.dueOn).toBe("2025-04-02");
    expect(result.extensionNoticeBy).toBeUndefined();
  });
});

describe("Russia 152-FZ Art. 14, 20", () => {
  it("counts ten working days across the New Year holidays and the days moved by decree", () => {
    const result = deadlines("RU", "ACCESS", "2025-12-26T12:00:00+03:00");
    expect(result.rule).toMatchObject({ id: "RU-152-FZ-ART-14-20", basis: "statute" });
    expect(result.dueOn).toBe("2026-01-21");
    expect(result.dueAt.toISOString()).toBe("2026-01-21T20:59:59.999Z");
    expect(result.timeZone).toBe("Europe/Moscow");
  });

  it("counts in Moscow time", () => {
    expect(deadlines("RU", "ACCESS", "2025-12-25T22:00:00Z").dueOn).toBe("2026-01-21");
  });

  it("counts the working Saturday and skips the day off moved to Monday", () => {
    expect(deadlines("RU", "ACCESS", "2025-10-24T12:00:00+03:00").dueOn).toBe("2025-11-10");
  });

  it("extends by five working days with a reasoned notice", () => {
    const result = deadlines("RU", "ACCESS", "2025-12-26T12:00:00+03:00", {
      extension: { reason: "data held by a processor abroad", requestedAt: at("2026-01-20T10:00:00+03:00") },
    });
    expect(result.extendedDueAt?.toISOString()).toBe("2026-01-28T20:59:59.999Z");
    expect(result.extensionNoticeBy?.toISOString()).toBe("2026-01-21T20:59:59.999Z");
  });

  it("does not stop the clock for pauses, and says so", () => {
    const result = deadlines("RU", "ACCESS", "2025-12-26T12:00:00+03:00", {
      pauses: [{ from: at("2025-12-26T13:00:00+03:00"), to: at("2026-01-15T13:00:00+03:00") }],
    });
    expect(result.pausesApplied).toBe(false);
    expect(result.dueOn).toBe("2026-01-21");
    expect(result.pauseRule).toMatch(/no suspension/);
  });

  it("refuses when the count runs into 2027, which has no curated calendar", () => {
    expect(() => deadlines("RU", "ACCESS", "2026-12-20T12:00:00+03:00")).toThrow(expect.objectContaining({ code: "CALENDAR_NOT_COVERED" }));
  });

  it("applies the configurable company policy to other requests", () => {
    const result = deadlines("RU", "ERASURE", "2025-10-24T12:00:00+03:00");
    expect(result.rule).toMatchObject({ id: "RU-152-FZ-COMPANY-POLICY", basis: "company-policy", configurable: true });
    expect(result.dueOn).toBe("2025-11-10");
  });
});

describe("CCPA / CPRA (Cal. Code Regs. tit. 11 §7021, §7026)", () => {
  const erasure = () => deadlines("US-CA", "ERASURE", "2025-11-20T10:00:00-08:00");

  it("confirms receipt within 10 business days, skipping Thanksgiving and the day after", () => {
    expect(erasure().acknowledgeBy?.toISOString()).toBe("2025-12-09T07:59:59.999Z");
  });

  it("responds within 45 calendar days, even when the last one is a Sunday", () => {
    const result = erasure();
    expect(result.rule.id).toBe("CCPA-REGS-7021");
    expect(result.dueOn).toBe("2026-01-04");
    expect(result.movedToNextWorkingDay).toBe(false);
    expect(result.dueAt.toISOString()).toBe("2026-01-05T07:59:59.999Z");
  });

  it("extends once by 45 days, 90 from receipt", () => {
    const result = deadlines("US-CA", "ERASURE", "2025-11-20T10:00:00-08:00", {
      extension: { reason: "backups must be restored to find the data", requestedAt: at("2025-12-20T10:00:00-08:00") },
    });
    expect(result.extendedDueAt?.toISOString()).toBe("2026-02-19T07:59:59.999Z");
  });

  it("runs from receipt regardless of verification", () => {
    const result = deadlines("US-CA", "ACCESS", "2025-11-20T10:00:00-08:00", {
      pauses: [{ from: at("2025-11-21T10:00:00-08:00"), to: at("2025-12-10T10:00:00-08:00") }],
    });
    expect(result.pausesApplied).toBe(false);
    expect(result.dueOn).toBe("2026-01-04");
    expect(result.pauseRule).toMatch(/regardless of time required to verify/);
  });

  it("gives an opt-out of sale 15 business days and no extension", () => {
    const result = deadlines("US-CA", "OPT_OUT_OF_SALE", "2025-12-19T10:00:00-08:00");
    expect(result.rule.id).toBe("CCPA-REGS-7026");
    expect(result.dueOn).toBe("2026-01-13");
    expect(result.acknowledgeBy).toBeUndefined();
    expect(() =>
      deadlines("US-CA", "OPT_OUT_OF_SALE", "2025-12-19T10:00:00-08:00", {
        extension: { reason: "busy", requestedAt: at("2025-12-22T10:00:00Z") },
      }),
    ).toThrow(expect.objectContaining({ code: "EXTENSION_NOT_ALLOWED" }));
  });

  it("leaves rights the CCPA does not grant to company policy", () => {
    expect(deadlines("US-CA", "OBJECTION", "2025-12-19T10:00:00-08:00").rule.id).toBe("CCPA-COMPANY-POLICY");
  });
});

describe("Singapore PDPA", () => {
  it("gives access requests 30 calendar days, marked configurable", () => {
    const result = deadlines("SG", "ACCESS", "2025-03-01T10:00:00+08:00");
    expect(result.rule).toMatchObject({ id: "SG-PDPA-REG-5", basis: "statute", configurable: true });
    expect(result.dueOn).toBe("2025-03-31");
  });

  it("extends when the applicant is told within the 30 days when the answer will come", () => {
    const result = deadlines("SG", "ACCESS", "2025-03-01T10:00:00+08:00", {
      extension: { reason: "records archived offsite", requestedAt: at("2025-03-20T10:00:00+08:00") },
    });
    expect(result.extendedDueAt?.toISOString()).toBe("2025-04-30T15:59:59.999Z");
  });
});

describe("China PIPL Art. 50 (company deadline)", () => {
  it("counts working days through the Spring Festival and its make-up Saturdays", () => {
    const result = deadlines("CN", "ACCESS", "2026-02-12T10:00:00+08:00");
    expect(result.rule).toMatchObject({ id: "PIPL-ART-50", basis: "company-policy", configurable: true });
    expect(result.dueOn).toBe("2026-03-11");
    expect(result.calendar).toBe("State Council holiday notices (curated)");
  });

  it("counts a make-up Sunday before National Day as a working day", () => {
    expect(deadlines("CN", "ERASURE", "2025-09-24T10:00:00+08:00").dueOn).toBe("2025-10-21");
  });

  it("lets the company clock stop while identity is awaited", () => {
    const result = deadlines("CN", "ERASURE", "2025-09-24T10:00:00+08:00", {
      pauses: [{ from: at("2025-09-25T09:00:00+08:00"), to: at("2025-09-27T09:00:00+08:00") }],
    });
    expect(result.pausesApplied).toBe(true);
    expect(result.dueOn).toBe("2025-10-23");
  });

  it("allows no extension unless the company's policy offers one", () => {
    const input = { jurisdiction: "CN", type: "ACCESS", receivedAt: at("2025-09-24T10:00:00+08:00") } as const;
    const extension = { reason: "complex", requestedAt: at("2025-09-26T10:00:00+08:00") };
    expect(() => computeDeadlines({ ...input, extension })).toThrow(expect.objectContaining({ code: "EXTENSION_NOT_ALLOWED" }));
    const policy = {
      ...DEFAULT_COMPANY_POLICY,
      china: { response: { unit: "working-days", amount: 10 }, extensionAmount: 5, pausesAllowed: false },
    } as const;
    const result = computeDeadlines({ ...input, extension }, { policy });
    expect(result.dueOn).toBe("2025-10-14");
    expect(result.extendedDueAt?.toISOString()).toBe("2025-10-21T15:59:59.999Z");
  });

  it("refuses to count into 2027", () => {
    expect(() => deadlines("CN", "ACCESS", "2026-12-25T10:00:00+08:00")).toThrow(expect.objectContaining({ code: "CALENDAR_NOT_COVERED" }));
  });
});

describe("other jurisdictions", () => {
  it.each(["BR", "US", "US-NY"])("%s gets the company's default, counted in UTC", (jurisdiction) => {
    const result = deadlines(jurisdiction, "ACCESS", "2025-03-01T10:00:00Z");
    expect(result.rule).toMatchObject({ id: "DEFAULT-COMPANY-POLICY", basis: "company-policy", configurable: true });
    expect(result.dueAt.toISOString()).toBe("2025-03-31T23:59:59.999Z");
  });

  it("counts in the policy's zone", () => {
    const policy = {
      ...DEFAULT_COMPANY_POLICY,
      otherJurisdictions: { ...DEFAULT_COMPANY_POLICY.otherJurisdictions, timeZone: "America/Sao_Paulo" },
    };
    const result = computeDeadlines({ jurisdiction: "BR", type: "ACCESS", receivedAt: at("2025-03-01T10:00:00Z") }, { policy });
    expect(result.dueAt.toISOString()).toBe("2025-04-01T02:59:59.999Z");
  });

  it("rejects a code that is not ISO 3166", () => {
    expect(() => deadlines("Germany", "ACCESS", "2025-03-01T10:00:00Z")).toThrow(expect.objectContaining({ code: "INVALID_JURISDICTION" }));
  });
});
