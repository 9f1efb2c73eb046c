import { describe, expect, it } from "vitest";
import { dayRange } from "../../laws/calendars/production-calendar.ts";
import { DEFAULT_COMPANY_POLICY } from "../../laws/registry.ts";
import { computeDeadlines, type DeadlineInput } from "./deadlines.ts";
import { REQUEST_TYPES, type RequestType } from "./request-kinds.ts";
import { withdrawalDestructionDeadline } from "./withdrawal-destruction.ts";

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

  it("stops the clock while identity is awaited, and restarts it the day after the answer (Reg. 1182/71 Art. 3(1))", () => {
    // Received and paused on 3 March, answered on 10 March: 4–10 March do not run, the month runs from 11 March,
    // so its end moves from 3 April by those 7 days to Thursday 10 April.
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [{ from: at("2025-03-03T10:00:00+01:00"), to: at("2025-03-10T12:00:00+01:00") }],
    });
    expect(result.pausesApplied).toBe(true);
    expect(result.pausedDays).toBe(7);
    expect(result.dueOn).toBe("2025-04-10");
    expect(result.pauseRule).toMatch(/EDPB Guidelines 01\/2022/);
  });

  it("does not count the day of the answer even when the pause lasted an hour", () => {
    // Paused and answered on Wednesday 5 March: that day is the event's, so 3 April moves one day, to Friday 4 April.
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [{ from: at("2025-03-05T10:00:00+01:00"), to: at("2025-03-05T11:00:00+01:00") }],
    });
    expect(result.pausedDays).toBe(1);
    expect(result.dueOn).toBe("2025-04-04");
  });

  it("counts overlapping pauses once", () => {
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", {
      pauses: [
        { from: at("2025-03-05T10:00:00+01:00"), to: at("2025-03-08T10:00:00+01:00") },
        { from: at("2025-03-06T10:00:00+01:00"), to: at("2025-03-07T10:00:00+01:00") },
      ],
    });
    // 5–8 March stand still (8 March is the answer's day): 3 April + 4 days is Monday 7 April.
    expect(result.pausedDays).toBe(4);
    expect(result.dueOn).toBe("2025-04-07");
  });

  it("takes a pause that ends the moment it starts, which a verification in the same millisecond records", () => {
    const instant = at("2025-03-05T10:00:00+01:00");
    const result = deadlines("FR", "ACCESS", "2025-03-03T09:00:00+01:00", { pauses: [{ from: instant, to: instant }] });
    expect(result.pausedDays).toBe(1);
    expect(result.dueOn).toBe("2025-04-04");
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

  // 2027 has no decree in the curated data: its days count by the provisional rule (every day but the Labour Code
  // Art. 112 holidays). The expected days are counted by hand on the 2026 decree and that rule.
  it.each([
    // 16 Dec: 17, 18, 21–25, 28, 29, 30 December are ten working days of 2026; nothing of 2027 is asked.
    ["2026-12-16T12:00:00+03:00", "2026-12-30", false],
    // 17 Dec: nine days up to 30 December, 31 December is off (decree 1466), 1–8 January are holidays, 9 January counts.
    ["2026-12-17T12:00:00+03:00", "2027-01-09", true],
    // 20 Dec (a Sunday): eight days 21–30 December, then 9 and 10 January.
    ["2026-12-20T12:00:00+03:00", "2027-01-10", true],
    // 28 Dec: 29 and 30 December, then 9–16 January.
    ["2026-12-28T12:00:00+03:00", "2027-01-16", true],
  ])("received %s, answers by %s (provisional: %s) through the New Year holidays", (receivedAt, dueOn, provisional) => {
    const result = deadlines("RU", "ACCESS", receivedAt);
    expect(result.dueOn).toBe(dueOn);
    expect(result.provisional).toBe(provisional);
  });

  it("extends into 2027 provisionally", () => {
    // Received 10 December: ten days end on 24 December; five more are 25, 28, 29, 30 December and 9 January.
    const result = deadlines("RU", "ACCESS", "2026-12-10T12:00:00+03:00", {
      extension: { reason: "data held by a processor abroad", requestedAt: at("2026-12-22T10:00:00+03:00") },
    });
    expect(result.dueOn).toBe("2026-12-24");
    expect(result.extendedDueAt?.toISOString()).toBe("2027-01-09T20:59:59.999Z");
    expect(result.provisional).toBe(true);
  });

  it("rectifies and erases within seven working days, with no extension (Art. 20 part 3)", () => {
    // Received Tuesday 6 October 2026: 7, 8, 9, 12, 13, 14, 15 October are the seven working days.
    for (const type of ["RECTIFICATION", "ERASURE"] as const) {
      const result = deadlines("RU", type, "2026-10-06T12:00:00+03:00");
      expect(result.rule).toMatchObject({ id: "RU-152-FZ-ART-20-3", basis: "statute" });
      expect(result.dueOn).toBe("2026-10-15");
      expect(result.extensionNoticeBy).toBeUndefined();
    }
  });

  it("applies the configurable company policy to questions and complaints", () => {
    // Ten working days from Tuesday 6 October 2026: 7, 8, 9, 12–16, 19, 20 October.
    const result = deadlines("RU", "COMPLAINT", "2026-10-06T12:00:00+03:00");
    expect(result.rule).toMatchObject({ id: "RU-152-FZ-COMPANY-POLICY", basis: "company-policy", configurable: true });
    expect(result.dueOn).toBe("2026-10-20");
  });
});

describe("objections to direct marketing", () => {
  it.each([
    ["DE", "GDPR-ART-21-3"],
    ["GB", "UK-GDPR-ART-21-3"],
    ["RU", "RU-152-FZ-ART-15-2"],
  ])("%s: due the day of receipt (%s)", (jurisdiction, id) => {
    const result = deadlines(jurisdiction, "OBJECTION", "2026-10-06T12:00:00Z", { directMarketing: true });
    expect(result.rule.id).toBe(id);
    expect(result.dueOn).toBe("2026-10-06");
  });

  it("is due the day a code shows the objection to be the account holder's", () => {
    const result = deadlines("DE", "OBJECTION", "2026-10-06T12:00:00+02:00", {
      directMarketing: true,
      pauses: [{ from: at("2026-10-06T12:00:00+02:00"), to: at("2026-10-09T08:00:00+02:00") }],
    });
    expect(result.dueOn).toBe("2026-10-09");
  });

  it("leaves other objections to the law's general rule", () => {
    expect(deadlines("DE", "OBJECTION", "2026-10-06T12:00:00+02:00").rule.id).toBe("GDPR-ART-12-3");
    expect(deadlines("US-CA", "OBJECTION", "2026-10-06T12:00:00-07:00", { directMarketing: true }).rule.id).toBe("CCPA-COMPANY-POLICY");
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
    expect(result.provisional).toBe(false);
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

  // 2027 has no notice in the curated data: its days count by the provisional rule (every day but 1 January,
  // 1–2 May and 1–3 October). The expected days are counted by hand on the 2026 notice and that rule.
  it.each([
    // 10 Dec: 11, 14–18, 21–25, 28–31 December are fifteen working days of 2026.
    ["2026-12-10T10:00:00+08:00", "2026-12-31", false],
    // 11 Dec: fourteen days 14–31 December, 1 January is New Year's Day, Saturday 2 January counts.
    ["2026-12-11T10:00:00+08:00", "2027-01-02", true],
    // 25 Dec: 28–31 December, then 2–12 January.
    ["2026-12-25T10:00:00+08:00", "2027-01-12", true],
    // 25 Jan 2027: the Spring Festival's days are not known without the notice, so 26 January to 9 February all count.
    ["2027-01-25T10:00:00+08:00", "2027-02-09", true],
  ])("received %s, answers by %s (provisional: %s)", (receivedAt, dueOn, provisional) => {
    const result = deadlines("CN", "ACCESS", receivedAt);
    expect(result.dueOn).toBe(dueOn);
    expect(result.provisional).toBe(provisional);
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

describe("every day from December 2026 to the end of 2027, past the curated calendars", () => {
  const days = dayRange("2026-12-01", "2027-12-31");
  it.each([
    ["RU", "+03:00"],
    ["CN", "+08:00"],
  ])("%s: each request type gets a deadline after receipt, provisional exactly when it counts a day of 2027", (jurisdiction, zone) => {
    const wrong: string[] = [];
    for (const day of days) {
      for (const type of REQUEST_TYPES) {
        const receivedAt = at(`${day}T12:00:00${zone}`);
        const result = computeDeadlines({ jurisdiction, type, receivedAt });
        if (!(result.dueOn > day) || result.provisional !== result.dueOn >= "2027-01-01") wrong.push(`${type} ${day}: ${result.dueOn}`);
        if (!result.extensionNoticeBy) continue;
        const extended = computeDeadlines({ jurisdiction, type, receivedAt, extension: { reason: "complex", requestedAt: receivedAt } });
        if (!extended.extendedDueAt || extended.extendedDueAt <= extended.dueAt) wrong.push(`${type} ${day}: extension`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("destruction after a withdrawal of consent (152-FZ Art. 21 part 5)", () => {
  it("is thirty calendar days after the withdrawal, in Moscow, the last day staying on a holiday", () => {
    // Withdrawn 5 October 2026 (Moscow): 26 days to 31 October, four more to Wednesday 4 November, a public holiday.
    const deadline = withdrawalDestructionDeadline("RU-MOW", at("2026-10-05T23:30:00+03:00"));
    expect(deadline?.rule.id).toBe("RU-152-FZ-ART-21-5");
    expect(deadline?.dueAt.toISOString()).toBe("2026-11-04T20:59:59.999Z");
  });

  it.each(["DE", "GB", "US-CA", "not a code"])("%s sets no such period", (jurisdiction) => {
    expect(withdrawalDestructionDeadline(jurisdiction, at("2026-10-05T12:00:00Z"))).toBeNull();
  });
});
