import { describe, expect, it } from "vitest";
import { type CurrentDecision, decideGpcPrecedence, type ExplicitDecision, type GpcReport, type GpcScope, planGpcReport } from "./gpc.ts";

const signal = (receivedAt: string): GpcReport => ({
  kind: "GPC_SIGNAL",
  gpc: true,
  receivedAt,
  proof: { userAgent: "Mozilla/5.0", ipHash: "ab12", pageUrl: "https://shop.example/cart" },
});

const optIn = (decidedAt: string, gpc: boolean): ExplicitDecision => ({
  kind: "EXPLICIT",
  decision: "GRANTED",
  channel: "PREFERENCE_CENTRE",
  decidedAt,
  gpc,
});

/** Folds a sequence of incoming decisions through the rule, the way the service updates its current state. */
function replay(incoming: readonly (GpcReport | ExplicitDecision)[]) {
  let current: CurrentDecision | null = null;
  return incoming.map((next) => {
    const outcome = decideGpcPrecedence(current, next);
    if (outcome.record)
      current = {
        decision: outcome.event.decision,
        channel: outcome.event.channel,
        decidedAt: outcome.event.occurredAt,
        gpc: outcome.event.gpc,
      };
    return outcome.record ? `${outcome.reason}:${outcome.event.decision}` : `skip:${outcome.reason}`;
  });
}

describe("decideGpcPrecedence", () => {
  it("signal, then explicit opt-in while the signal is on, then the signal again: the opt-in stands", () => {
    const steps = replay([signal("2025-03-01T10:00:00Z"), optIn("2025-03-02T10:00:00Z", true), signal("2025-03-03T10:00:00Z")]);
    expect(steps).toEqual(["GPC_OPT_OUT:WITHDRAWN", "EXPLICIT_DECISION:GRANTED", "skip:EXPLICIT_OPT_IN_WHILE_GPC_ON"]);
  });

  it("opt-in without the signal, then the signal: the signal is processed as an opt-out", () => {
    const steps = replay([optIn("2025-03-01T10:00:00Z", false), signal("2025-03-02T10:00:00Z")]);
    expect(steps).toEqual(["EXPLICIT_DECISION:GRANTED", "GPC_OVERRIDES_EARLIER_OPT_IN:WITHDRAWN"]);
  });

  it("repeated signals record one withdrawal", () => {
    const steps = replay([signal("2025-03-01T10:00:00Z"), signal("2025-03-01T10:05:00Z"), signal("2025-03-09T08:00:00Z")]);
    expect(steps).toEqual(["GPC_OPT_OUT:WITHDRAWN", "skip:ALREADY_OPTED_OUT", "skip:ALREADY_OPTED_OUT"]);
  });

  it("a signal does not repeat a withdrawal made on another channel", () => {
    const withdrawn: CurrentDecision = {
      decision: "WITHDRAWN",
      channel: "UNSUBSCRIBE_LINK",
      decidedAt: "2025-03-01T10:00:00Z",
      gpc: false,
    };
    expect(decideGpcPrecedence(withdrawn, signal("2025-03-02T10:00:00Z"))).toEqual({ record: false, reason: "ALREADY_OPTED_OUT" });
  });

  it("a report without the signal is not consent", () => {
    const steps = replay([signal("2025-03-01T10:00:00Z"), { kind: "GPC_SIGNAL", gpc: false, receivedAt: "2025-03-02T10:00:00Z" }]);
    expect(steps).toEqual(["GPC_OPT_OUT:WITHDRAWN", "skip:NO_SIGNAL"]);
  });

  it("a signal older than the current decision does not override it", () => {
    const granted: CurrentDecision = { decision: "GRANTED", channel: "BANNER", decidedAt: "2025-03-02T10:00:00Z", gpc: false };
    expect(decideGpcPrecedence(granted, signal("2025-03-02T09:59:59Z"))).toEqual({ record: false, reason: "STALE_SIGNAL" });
  });

  it("records the withdrawal on channel GPC_SIGNAL with the signal as proof", () => {
    expect(decideGpcPrecedence(null, signal("2025-03-01T10:00:00+03:00"))).toEqual({
      record: true,
      reason: "GPC_OPT_OUT",
      event: {
        decision: "WITHDRAWN",
        channel: "GPC_SIGNAL",
        occurredAt: "2025-03-01T07:00:00.000Z",
        gpc: true,
        proof: { userAgent: "Mozilla/5.0", ipHash: "ab12", pageUrl: "https://shop.example/cart" },
      },
    });
  });

  it("always records an explicit withdrawal", () => {
    const granted: CurrentDecision = { decision: "GRANTED", channel: "BANNER", decidedAt: "2025-03-01T10:00:00Z", gpc: true };
    const withdrawal: ExplicitDecision = {
      kind: "EXPLICIT",
      decision: "WITHDRAWN",
      channel: "SUPPORT_AGENT",
      decidedAt: "2025-03-02T10:00:00Z",
      gpc: false,
    };
    expect(decideGpcPrecedence(granted, withdrawal)).toMatchObject({
      record: true,
      event: { decision: "WITHDRAWN", channel: "SUPPORT_AGENT" },
    });
  });
});

describe("planGpcReport", () => {
  const scope: GpcScope = { purposeKeys: ["marketing"], cookieCategoryKeys: ["advertising"] };

  it("applies the signal to every purpose and cookie category in scope, and only those", () => {
    const current = {
      purposes: { marketing: { decision: "GRANTED", channel: "BANNER", decidedAt: "2025-03-01T10:00:00Z", gpc: true } as const },
      cookieCategories: { analytics: { decision: "GRANTED", channel: "BANNER", decidedAt: "2025-03-01T10:00:00Z" } as const },
    };
    const plan = planGpcReport(scope, current, signal("2025-03-02T10:00:00Z"));
    expect(plan.map(({ target, outcome }) => [target.kind, target.key, outcome.reason])).toEqual([
      ["PURPOSE", "marketing", "EXPLICIT_OPT_IN_WHILE_GPC_ON"],
      ["COOKIE_CATEGORY", "advertising", "GPC_OPT_OUT"],
    ]);
  });
});
