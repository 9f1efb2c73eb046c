import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ChainedConsentEvent,
  type ChainLink,
  type ConsentEventRecord,
  canonicalEventJson,
  canonicalEventJsonAroundSequence,
  chainEvent,
  GENESIS,
  GENESIS_HASH,
  HASHED_FIELDS,
  proofDigest,
  verifyChain,
} from "./hash-chain.ts";

const tenantId = "7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10";

function recordedEvent(n: number): ConsentEventRecord {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    tenantId,
    subjectId: "5b1f7c1e-8d2a-4f0e-b7a4-3c9d2e6f8a01",
    purposeId: "c3a1e6d2-4b7f-4e1a-9c8d-0f2b5a6e7d11",
    decision: n % 2 === 0 ? "WITHDRAWN" : "GRANTED",
    channel: "BANNER",
    jurisdiction: "RU",
    occurredAt: new Date(Date.UTC(2025, 0, n, 12)),
  };
}

function ledger(length: number): ChainedConsentEvent[] {
  const events: ChainedConsentEvent[] = [];
  let head: ChainLink = GENESIS;
  for (let n = 1; n <= length; n++) {
    const event = recordedEvent(n);
    const chained = { ...event, ...chainEvent(event, head) };
    events.push(chained);
    head = chained;
  }
  return events;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

describe("the hashed payload", () => {
  it("covers exactly the documented fields, with absent optional fields as null", () => {
    const payload = JSON.parse(canonicalEventJson(recordedEvent(1), 1)) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual([...HASHED_FIELDS].sort());
    expect(payload.cookieCategoryId).toBeNull();
    expect(payload.gpc).toBeNull();
  });

  it("is RFC 8785 JSON with UTC ISO dates, hashed after the previous hash", () => {
    const event: ConsentEventRecord = { ...recordedEvent(1), occurredAt: "2025-01-01T15:00:00+03:00", gpc: true };
    const expectedJson =
      '{"channel":"BANNER","cookieCategoryId":null,"decision":"GRANTED","expiresAt":null,"gpc":true,"gppString":null,' +
      `"id":"00000000-0000-4000-8000-000000000001","jurisdiction":"RU","occurredAt":"2025-01-01T12:00:00.000Z",` +
      `"policyVersionId":null,"proofDigest":null,"purposeId":"c3a1e6d2-4b7f-4e1a-9c8d-0f2b5a6e7d11","sequence":1,` +
      `"subjectId":"5b1f7c1e-8d2a-4f0e-b7a4-3c9d2e6f8a01","tcString":null,"tenantId":"${tenantId}"}`;
    expect(canonicalEventJson(event, 1)).toBe(expectedJson);
    const expectedHash = createHash("sha256").update(`${GENESIS_HASH}${expectedJson}`).digest("hex");
    expect(chainEvent(event, GENESIS)).toEqual({ sequence: 1, previousHash: GENESIS_HASH, hash: expectedHash });
  });

  it("splits around the sequence's digits, for a writer that learns the sequence in the database", () => {
    const event: ConsentEventRecord = { ...recordedEvent(3), tcString: 'a "sequence":0 inside, ü' };
    const { before, after } = canonicalEventJsonAroundSequence(event);
    for (const sequence of [1, 42, 123_456]) expect(`${before}${sequence}${after}`).toBe(canonicalEventJson(event, sequence));
  });

  it("does not depend on whether a date comes as a Date or as a string", () => {
    const asDate = chainEvent(recordedEvent(2), GENESIS);
    const asString = chainEvent({ ...recordedEvent(2), occurredAt: "2025-01-02T12:00:00.000Z" }, GENESIS);
    expect(asString).toEqual(asDate);
  });
});

describe("the proof digest", () => {
  const proof = { userAgent: "Mozilla/5.0", ipHash: "ab12", pageUrl: "https://shop.test/cart" };

  it("stands in for the proof, so erasing the proof fields keeps the hash", () => {
    const recorded = { ...recordedEvent(1), ...proof, proofDigest: proofDigest(proof) };
    const erased = { ...recorded, userAgent: null, ipHash: null, pageUrl: null };
    expect(chainEvent(erased, GENESIS)).toEqual(chainEvent(recorded, GENESIS));
  });

  it("changes with any proof field, and is null without proof", () => {
    expect(proofDigest({ ...proof, pageUrl: "https://shop.test/" })).not.toBe(proofDigest(proof));
    expect(proofDigest(proof)).toMatch(/^[0-9a-f]{64}$/);
    expect(proofDigest({})).toBeNull();
  });
});

describe("verifyChain", () => {
  it("accepts an intact ledger and returns its head for the next page", () => {
    const events = ledger(5);
    const result = verifyChain(events);
    expect(result).toEqual({ ok: true, count: 5, head: { sequence: 5, hash: at(events, 4).hash } });
  });

  it("accepts an empty ledger", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS });
  });

  it("verifies page by page from the previous page's head", () => {
    const events = ledger(6);
    const firstPage = verifyChain(events.slice(0, 3));
    if (!firstPage.ok) throw new Error("first page should verify");
    expect(verifyChain(events.slice(3), firstPage.head)).toMatchObject({ ok: true, count: 3 });
  });

  it("finds a row edited in place", () => {
    const events = ledger(5);
    const edited = events.map((event) => (event.sequence === 3 ? { ...event, decision: "WITHDRAWN" as const } : event));
    const result = verifyChain(edited);
    expect(result).toMatchObject({
      ok: false,
      verifiedCount: 2,
      firstBreak: { kind: "HASH_MISMATCH", sequence: 3, eventId: at(events, 2).id },
    });
    if (result.ok || result.firstBreak.kind !== "HASH_MISMATCH") throw new Error("expected a hash mismatch");
    expect(result.firstBreak.foundHash).toBe(at(events, 2).hash);
    expect(result.firstBreak.expectedHash).not.toBe(at(events, 2).hash);
  });

  it("finds a row edited and rehashed, at the next row's link", () => {
    const events = ledger(5);
    const original = at(events, 2);
    const forged = { ...original, decision: "WITHDRAWN" as const };
    const rehashed = { ...forged, ...chainEvent(forged, at(events, 1)) };
    const tampered = events.map((event) => (event.sequence === 3 ? rehashed : event));
    expect(verifyChain(tampered)).toEqual({
      ok: false,
      verifiedCount: 3,
      firstBreak: {
        kind: "PREVIOUS_MISMATCH",
        sequence: 4,
        eventId: at(events, 3).id,
        expectedHash: rehashed.hash,
        foundHash: original.hash,
      },
    });
  });

  it("finds a deleted row", () => {
    const events = ledger(5);
    const withoutThird = events.filter((event) => event.sequence !== 3);
    expect(verifyChain(withoutThird)).toEqual({
      ok: false,
      verifiedCount: 2,
      firstBreak: { kind: "SEQUENCE_GAP", sequence: 4, eventId: at(events, 3).id, expectedSequence: 3 },
    });
  });

  it("finds a deleted row whose successors were renumbered", () => {
    const events = ledger(5);
    const renumbered = events
      .filter((event) => event.sequence !== 3)
      .map((event) => (event.sequence > 3 ? { ...event, sequence: event.sequence - 1 } : event));
    expect(verifyChain(renumbered)).toMatchObject({
      ok: false,
      firstBreak: { kind: "PREVIOUS_MISMATCH", sequence: 3, eventId: at(events, 3).id },
    });
  });

  it("finds rows swapped in order", () => {
    const events = ledger(5);
    const swapped = [at(events, 0), at(events, 2), at(events, 1), at(events, 3), at(events, 4)];
    expect(verifyChain(swapped)).toMatchObject({
      ok: false,
      verifiedCount: 1,
      firstBreak: { kind: "SEQUENCE_GAP", sequence: 3, expectedSequence: 2 },
    });
  });

  it("finds rows whose sequence numbers were swapped to reorder them", () => {
    const events = ledger(5);
    const second = { ...at(events, 2), sequence: 2 };
    const third = { ...at(events, 1), sequence: 3 };
    const reordered = [at(events, 0), second, third, at(events, 3), at(events, 4)];
    expect(verifyChain(reordered)).toMatchObject({
      ok: false,
      firstBreak: { kind: "PREVIOUS_MISMATCH", sequence: 2, eventId: at(events, 2).id },
    });
  });
});
