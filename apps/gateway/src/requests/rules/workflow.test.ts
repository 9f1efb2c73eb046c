import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestType } from "./request-kinds.ts";
import { type ActorKind, assertTransition, IDENTITY_VERIFICATION, nextStates, TRANSITIONS } from "./workflow.ts";

const ACTORS: readonly ActorKind[] = ["subject", "staff", "system"];

/**
 * The workflow as the README and the policy describe it, written out by hand rather than read from TRANSITIONS:
 * who may move a request from each status to each other one. Every pair not listed is refused for everyone.
 * S = the person (subject), T = privacy staff, Y = the system itself.
 */
const SPECIFIED = `
  RECEIVED              > AWAITING_VERIFICATION  T Y
  RECEIVED              > VERIFIED               Y
  RECEIVED              > IN_PROGRESS            T Y
  RECEIVED              > REJECTED               T
  RECEIVED              > WITHDRAWN              S
  AWAITING_VERIFICATION > VERIFIED               T Y
  AWAITING_VERIFICATION > REJECTED               T Y
  AWAITING_VERIFICATION > WITHDRAWN              S
  VERIFIED              > IN_PROGRESS            T Y
  VERIFIED              > REJECTED               T
  VERIFIED              > WITHDRAWN              S
  IN_PROGRESS           > AWAITING_VERIFICATION  T
  IN_PROGRESS           > COMPLETED              T Y
  IN_PROGRESS           > REJECTED               T
  IN_PROGRESS           > WITHDRAWN              S
  COMPLETED             > ESCALATED              S
  REJECTED              > ESCALATED              S
  ESCALATED             > IN_PROGRESS            T
  ESCALATED             > COMPLETED              T
  ESCALATED             > REJECTED               T
  ESCALATED             > WITHDRAWN              S
`;
const ACTOR_LETTERS: Record<string, ActorKind> = { S: "subject", T: "staff", Y: "system" };
const specified = new Set(
  SPECIFIED.trim()
    .split("\n")
    .flatMap((line) => {
      const [from, , to, ...letters] = line.trim().split(/\s+/);
      return letters.map((letter) => `${from} ${to} ${ACTOR_LETTERS[letter]}`);
    }),
);
const matrix = REQUEST_STATUSES.flatMap((from) =>
  REQUEST_STATUSES.flatMap((to) => ACTORS.map((actor) => [from, to, actor, specified.has(`${from} ${to} ${actor}`)] as const)),
);

describe("transition matrix", () => {
  it("specifies 21 moves, 27 by actor, none of them from WITHDRAWN (a withdrawal is final)", () => {
    expect(SPECIFIED.trim().split("\n")).toHaveLength(21);
    expect(specified.size).toBe(27);
    expect([...specified].some((move) => move.startsWith("WITHDRAWN "))).toBe(false);
  });

  it.each(matrix.filter(([, , , allowed]) => allowed))("%s → %s by %s is allowed", (from, to, actor) => {
    const result = assertTransition({ type: "ACCESS", from, to, actor, identityVerified: true, reason: "not our customer" });
    expect(result.transition.from).toBe(from);
    expect(result.transition.to).toBe(to);
  });

  it.each(matrix.filter(([, , , allowed]) => !allowed))("%s → %s by %s is refused", (from, to, actor) => {
    expect(() => assertTransition({ type: "QUESTION", from, to, actor, identityVerified: true, reason: "any" })).toThrow(
      expect.objectContaining({ code: "ILLEGAL_TRANSITION" }),
    );
  });

  it("lists every status as a source or target, so a new status cannot be forgotten", () => {
    const touched = new Set(TRANSITIONS.flatMap((transition) => [transition.from, transition.to]));
    expect([...touched].sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  it("has one entry per pair of statuses", () => {
    const pairs = TRANSITIONS.map((transition) => `${transition.from}>${transition.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe("identity verification", () => {
  const needing = REQUEST_TYPES.filter((type) => IDENTITY_VERIFICATION[type].required);
  const notNeeding = REQUEST_TYPES.filter((type) => !IDENTITY_VERIFICATION[type].required);
  const intoWork = TRANSITIONS.filter((transition) => transition.to === "IN_PROGRESS" || transition.to === "COMPLETED");
  const cases = (types: RequestType[]) =>
    types.flatMap((type) => intoWork.map((transition) => [type, transition.from, transition.to, transition.actors[0] ?? "staff"] as const));

  it("is required for everything that releases, changes or erases data", () => {
    expect(needing).toEqual(["ACCESS", "RECTIFICATION", "ERASURE", "PORTABILITY", "RESTRICTION"]);
  });

  it.each(cases(needing))("a %s request cannot go %s → %s unverified", (type, from, to, actor) => {
    expect(() => assertTransition({ type, from, to, actor, identityVerified: false })).toThrow(/before the person's identity is verified/);
  });

  it.each(cases(notNeeding))("a %s request may go %s → %s unverified", (type, from, to, actor) => {
    expect(assertTransition({ type, from, to, actor, identityVerified: false }).transition.to).toBe(to);
  });
});

describe("reasons and notifications", () => {
  it("requires a reason to reject and sends it to the person", () => {
    expect(() => assertTransition({ type: "ERASURE", from: "VERIFIED", to: "REJECTED", actor: "staff", identityVerified: true })).toThrow(
      expect.objectContaining({ code: "REASON_REQUIRED" }),
    );
    expect(() =>
      assertTransition({ type: "ERASURE", from: "VERIFIED", to: "REJECTED", actor: "staff", identityVerified: true, reason: " " }),
    ).toThrow(expect.objectContaining({ code: "REASON_REQUIRED" }));
    const rejected = assertTransition({
      type: "ERASURE",
      from: "VERIFIED",
      to: "REJECTED",
      actor: "staff",
      identityVerified: true,
      reason: "records must be kept for tax law until 2027",
    });
    expect(rejected.notifications).toEqual([{ kind: "rejection", reason: "records must be kept for tax law until 2027" }]);
  });

  it.each([
    ["RECEIVED", "AWAITING_VERIFICATION", "system", ["verification-code"]],
    ["IN_PROGRESS", "COMPLETED", "system", ["completion"]],
    ["AWAITING_VERIFICATION", "WITHDRAWN", "subject", ["withdrawal-confirmation"]],
    ["COMPLETED", "ESCALATED", "subject", ["escalation-acknowledgement"]],
    ["AWAITING_VERIFICATION", "VERIFIED", "system", []],
  ] as const)("%s → %s by %s queues %j", (from, to, actor, kinds) => {
    const result = assertTransition({ type: "ACCESS", from, to, actor, identityVerified: true });
    expect(result.notifications.map((notification) => notification.kind)).toEqual(kinds);
  });

  it("explains a refusal with the allowed moves", () => {
    expect(() =>
      assertTransition({ type: "ACCESS", from: "RECEIVED", to: "ESCALATED", actor: "subject", identityVerified: false }),
    ).toThrow(
      "a request cannot move from RECEIVED to ESCALATED; from RECEIVED it can move to AWAITING_VERIFICATION, VERIFIED, IN_PROGRESS, REJECTED, WITHDRAWN.",
    );
    expect(() =>
      assertTransition({ type: "ACCESS", from: "IN_PROGRESS", to: "COMPLETED", actor: "subject", identityVerified: true }),
    ).toThrow("IN_PROGRESS → COMPLETED can only be done by staff or system, not by subject.");
  });
});

describe("nextStates", () => {
  it("allows escalation only after an answer", () => {
    const canEscalate = REQUEST_STATUSES.filter((status) => nextStates(status).includes("ESCALATED"));
    expect(canEscalate).toEqual(["COMPLETED", "REJECTED"]);
  });

  it("ends at withdrawal", () => {
    expect(nextStates("WITHDRAWN")).toEqual([]);
  });

  it("filters by actor", () => {
    expect(nextStates("IN_PROGRESS", "subject")).toEqual(["WITHDRAWN"]);
    expect(nextStates("RECEIVED", "system")).toEqual(["AWAITING_VERIFICATION", "VERIFIED", "IN_PROGRESS"]);
  });
});
