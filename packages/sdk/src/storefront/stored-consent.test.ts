import { describe, expect, it } from "vitest";
import { allowsKey, applyChoice, confirmChoice, emptyConsent, mergeGatewayState, parseStoredConsent } from "./stored-consent.ts";

const choice = (idempotencyKey: string, cookies: Record<string, "GRANTED" | "WITHDRAWN">) =>
  ({ idempotencyKey, channel: "BANNER", gpc: false, madeAt: "2026-12-01T10:00:00Z", cookies }) as const;
const gateway = (analytics: string, analyticsChannel: string | null) => ({
  purposes: [{ status: "NOT_ASKED", channel: null, purpose: { key: "marketing" } }],
  cookieCategories: [
    { status: "GRANTED", channel: null, category: { key: "strictly_necessary", required: true } },
    { status: analytics, channel: analyticsChannel, category: { key: "analytics", required: false } },
  ],
});

describe("the stored consent's rules", () => {
  it("keeps a choice not yet confirmed over the gateway's older state, and a later choice over an earlier one", () => {
    const first = applyChoice(emptyConsent("visitor:a"), choice("k1", { analytics: "GRANTED" }));
    const second = applyChoice(first, choice("k2", { advertising: "WITHDRAWN" }));
    expect(second.pending).toMatchObject({ idempotencyKey: "k2", cookies: { analytics: "GRANTED", advertising: "WITHDRAWN" } });
    // The first delivery's confirmation does not clear the newer choice.
    expect(confirmChoice(second, "k1", "2026-12-01T10:00:01Z").pending?.idempotencyKey).toBe("k2");
    const merged = mergeGatewayState(second, gateway("WITHDRAWN", "BANNER") as never);
    expect([allowsKey(merged, "analytics"), allowsKey(merged, "strictly_necessary"), allowsKey(merged, "marketing")]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("asks again when the gateway says a choice needs renewal, and not before the person chose (a GPC signal is not a choice)", () => {
    const state = emptyConsent("visitor:a");
    expect(mergeGatewayState(state, gateway("NOT_ASKED", null) as never).decided).toBe(false);
    expect(mergeGatewayState(state, gateway("GRANTED", "BANNER") as never).decided).toBe(true);
    expect(mergeGatewayState(state, gateway("NEEDS_RENEWAL", "BANNER") as never).decided).toBe(false);
    // Regression: a GPC browser's opt-out, read back, hid the banner before the visitor had chosen anything.
    expect(mergeGatewayState(state, gateway("WITHDRAWN", "GPC_SIGNAL") as never).decided).toBe(false);
  });

  it("ignores storage that holds another subject's state or something else", () => {
    const stored = JSON.stringify(emptyConsent("visitor:a"));
    expect(parseStoredConsent(stored, "visitor:a")?.subjectId).toBe("visitor:a");
    expect(parseStoredConsent(stored, undefined)?.subjectId).toBe("visitor:a");
    expect(parseStoredConsent(stored, "cust-1")).toBeNull();
    expect(parseStoredConsent("{not json", undefined)).toBeNull();
  });
});
