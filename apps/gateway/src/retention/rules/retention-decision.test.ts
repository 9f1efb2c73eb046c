import { describe, expect, it } from "vitest";
import type { LegalHold } from "./legal-holds.ts";
import { clockStartFor, cutoffFor, decideRetention, dueAt, type RetainedRecord } from "./retention-decision.ts";
import type { RetentionPolicy } from "./retention-policy.ts";

const at = (iso: string) => new Date(iso);

const threeYearsAfterCollection: RetentionPolicy = { periodMonths: 36, trigger: "COLLECTION", action: "DELETE" };
const afterContractEnd: RetentionPolicy = { periodMonths: 12, trigger: "CONTRACT_END", action: "ANONYMISE" };

function record(events: Partial<RetainedRecord["events"]> = {}): RetainedRecord {
  return {
    subjectId: "cust-42",
    dataCategoryId: "category-orders",
    events: { collectedAt: at("2022-01-31T09:00:00.000Z"), ...events },
  };
}

function hold(overrides: Partial<LegalHold>): LegalHold {
  return { id: "hold-1", subjectId: null, dataCategoryId: null, expiresAt: null, releasedAt: null, ...overrides };
}

describe("clockStartFor", () => {
  const events = {
    collectedAt: at("2022-01-01T00:00:00.000Z"),
    lastActivityAt: at("2023-05-01T00:00:00.000Z"),
    contractEndedAt: at("2024-06-30T00:00:00.000Z"),
    requestClosedAt: at("2024-07-15T00:00:00.000Z"),
  };

  it.each([
    ["COLLECTION", "2022-01-01T00:00:00.000Z"],
    ["LAST_ACTIVITY", "2023-05-01T00:00:00.000Z"],
    ["CONTRACT_END", "2024-06-30T00:00:00.000Z"],
    ["REQUEST_CLOSED", "2024-07-15T00:00:00.000Z"],
  ] as const)("%s starts the clock at %s", (trigger, expected) => {
    expect(clockStartFor(trigger, events)?.toISOString()).toBe(expected);
  });

  it("counts a record never active since collection from its collection", () => {
    expect(clockStartFor("LAST_ACTIVITY", { collectedAt: events.collectedAt })).toEqual(events.collectedAt);
  });

  it("has no clock before the contract ends or the request closes", () => {
    expect(clockStartFor("CONTRACT_END", { collectedAt: events.collectedAt, contractEndedAt: null })).toBeNull();
    expect(clockStartFor("REQUEST_CLOSED", { collectedAt: events.collectedAt })).toBeNull();
  });
});

describe("decideRetention", () => {
  it("falls due at the end of February for a clock started on 31 January", () => {
    const policy: RetentionPolicy = { periodMonths: 1, trigger: "COLLECTION", action: "DELETE" };
    const data = record({ collectedAt: at("2025-01-31T09:00:00.000Z") });
    expect(decideRetention(policy, data, [], at("2025-02-28T23:59:59.999Z"))).toEqual({
      status: "NOT_DUE",
      dueAt: at("2025-03-01T00:00:00.000Z"),
    });
    expect(decideRetention(policy, data, [], at("2025-03-01T00:00:00.000Z"))).toEqual({
      status: "DUE",
      dueAt: at("2025-03-01T00:00:00.000Z"),
      action: "DELETE",
    });
  });

  it("keeps a record collected on 29 February for the full three years", () => {
    const data = record({ collectedAt: at("2024-02-29T12:00:00.000Z") });
    expect(dueAt(threeYearsAfterCollection, data.events.collectedAt)).toEqual(at("2027-03-01T00:00:00.000Z"));
    expect(decideRetention(threeYearsAfterCollection, data, [], at("2027-02-28T23:00:00.000Z")).status).toBe("NOT_DUE");
    expect(decideRetention(threeYearsAfterCollection, data, [], at("2027-03-01T00:00:00.000Z")).status).toBe("DUE");
  });

  it("reports the action of the policy when due", () => {
    const data = record({ contractEndedAt: at("2024-03-31T00:00:00.000Z") });
    expect(decideRetention(afterContractEnd, data, [], at("2025-04-01T00:00:00.000Z"))).toEqual({
      status: "DUE",
      dueAt: at("2025-03-31T00:00:00.000Z"),
      action: "ANONYMISE",
    });
  });

  it("has no clock while the contract runs, even when its end is already scheduled", () => {
    expect(decideRetention(afterContractEnd, record(), [], at("2030-01-01T00:00:00.000Z"))).toEqual({ status: "NO_CLOCK" });
    const scheduled = record({ contractEndedAt: at("2031-01-01T00:00:00.000Z") });
    expect(decideRetention(afterContractEnd, scheduled, [], at("2030-01-01T00:00:00.000Z"))).toEqual({ status: "NO_CLOCK" });
  });

  describe("legal holds", () => {
    const now = at("2026-06-01T00:00:00.000Z");
    const due = { status: "DUE", dueAt: at("2025-01-31T09:00:00.000Z"), action: "DELETE" };

    it.each([
      ["the subject", hold({ subjectId: "cust-42" })],
      ["the data category", hold({ dataCategoryId: "category-orders" })],
      ["the subject's data in the category", hold({ subjectId: "cust-42", dataCategoryId: "category-orders" })],
      ["everything", hold({})],
      ["until a later expiry", hold({ subjectId: "cust-42", expiresAt: at("2026-06-01T00:00:00.001Z") })],
      ["until a later release", hold({ subjectId: "cust-42", releasedAt: at("2026-07-01T00:00:00.000Z") })],
    ])("pauses a due record for an active hold on %s", (_scope, activeHold) => {
      expect(decideRetention(threeYearsAfterCollection, record(), [activeHold], now)).toEqual({
        status: "HELD",
        dueAt: at("2025-01-31T09:00:00.000Z"),
        holdId: "hold-1",
      });
    });

    it.each([
      ["expired", hold({ subjectId: "cust-42", expiresAt: now })],
      ["released", hold({ subjectId: "cust-42", releasedAt: at("2026-01-01T00:00:00.000Z") })],
      ["on another subject", hold({ subjectId: "cust-7" })],
      ["on another category", hold({ dataCategoryId: "category-marketing" })],
      ["on this subject in another category", hold({ subjectId: "cust-42", dataCategoryId: "category-marketing" })],
    ])("lets a %s hold pass", (_kind, inactiveHold) => {
      expect(decideRetention(threeYearsAfterCollection, record(), [inactiveHold], now)).toEqual(due);
    });

    it("names the same hold whatever order the holds come in", () => {
      const holds = [hold({ id: "hold-b", subjectId: "cust-42" }), hold({ id: "hold-a", dataCategoryId: "category-orders" })];
      const decisions = [holds, [...holds].reverse()].map((order) => decideRetention(threeYearsAfterCollection, record(), order, now));
      expect(decisions.map((decision) => (decision.status === "HELD" ? decision.holdId : decision.status))).toEqual(["hold-a", "hold-a"]);
    });

    it("does not report a hold on a record that is not due yet", () => {
      const fresh = record({ collectedAt: at("2026-01-01T00:00:00.000Z") });
      expect(decideRetention(threeYearsAfterCollection, fresh, [hold({ subjectId: "cust-42" })], now).status).toBe("NOT_DUE");
    });
  });
});

describe("cutoffFor agrees with decideRetention", () => {
  const MINUTE = 60_000;
  const policies: RetentionPolicy[] = [1, 12, 13, 36].map((periodMonths) => ({ periodMonths, trigger: "COLLECTION", action: "DELETE" }));

  function* pairs(): Generator<[Date, Date]> {
    let seed = 20_240_229;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const from = Date.parse("2021-01-01T00:00:00.000Z");
    const span = Date.parse("2027-01-01T00:00:00.000Z") - from;
    for (let index = 0; index < 3000; index += 1) {
      const start = new Date(from + Math.floor(next() * span));
      yield [start, new Date(start.getTime() + Math.floor(next() * 40 * 31 * 24 * 60) * MINUTE)];
    }
    for (const monthEnd of ["2024-01-31", "2024-02-29", "2025-01-29", "2025-02-28", "2025-04-30", "2025-12-31"]) {
      for (const time of ["00:00:00.000", "12:00:00.000", "23:59:59.999"]) {
        const start = new Date(`${monthEnd}T${time}Z`);
        for (const months of [1, 12, 13, 36]) {
          const due = dueAt({ periodMonths: months }, start);
          for (const offset of [-1, 0, 1]) yield [start, new Date(due.getTime() + offset)];
        }
      }
    }
  }

  it.each(policies)("for $periodMonths months", (policy) => {
    for (const [collectedAt, now] of pairs()) {
      const decided = decideRetention(policy, record({ collectedAt }), [], now).status === "DUE";
      expect(collectedAt < cutoffFor(policy, now), `${collectedAt.toISOString()} at ${now.toISOString()}`).toBe(decided);
    }
  });
});
