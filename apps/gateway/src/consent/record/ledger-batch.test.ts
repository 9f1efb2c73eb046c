import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway, TEST_KEY_PEPPER } from "../../../test/harness.ts";
import { CustosError } from "../../ground/errors.ts";
import { type ConsentDecisionInput, recordConsentDecision } from "./consent-service.ts";
import type { LedgerCaller } from "./ledger-writer.ts";

const VERIFY = "{ consentLedgerVerification { ok verifiedCount headSequence firstBreak { sequence } } }";
const COOKIES = "mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { sequence } }";

const decision = (subjectId: string, choice: "GRANTED" | "WITHDRAWN", idempotencyKey: string | null): ConsentDecisionInput => ({
  subjectId,
  purposeKey: "marketing",
  decision: choice,
  expiresAt: null,
  channel: "API",
  jurisdiction: null,
  policyVersionId: null,
  proof: null,
  gpc: null,
  tcString: null,
  gppString: null,
  idempotencyKey,
});

describe.each(TEST_ENGINES)("the sequencer's batch on %s", (engine) => {
  it("settles retries, reused keys, new and known subjects in one batch, and chains on after another writer moved the head", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const db = scopeToTenant(prisma, gateway.tenantId);
    const ctx: LedgerCaller = {
      caller: { kind: "staff", tenantId: gateway.tenantId, keyId: "batch-test", keyPrefix: "cus_stf_batch" },
      tenantId: gateway.tenantId,
      requestId: "batch-test",
      keyPepper: TEST_KEY_PEPPER,
    };
    const record = (input: ConsentDecisionInput) => recordConsentDecision(db, ctx, input);
    const first = await record(decision("known", "GRANTED", "k-1"));

    // Queued while the first of them commits, the rest wait for the same next batch.
    const [opening, ...rest] = await Promise.allSettled([
      record(decision("opening", "GRANTED", null)),
      record(decision("known", "GRANTED", "k-1")), // a retry of the first write
      record(decision("known", "WITHDRAWN", "k-1")), // the same key with another decision
      record(decision("fresh", "GRANTED", "k-2")),
      record(decision("fresh", "GRANTED", "k-2")), // a retry within the batch
      record(decision("fresh", "WITHDRAWN", null)),
      record(decision("other", "GRANTED", "k-1")), // a key is claimed per subject
      // Hashed inside the database: a value with quotes, the sequence's key and characters beyond ASCII still verifies.
      // (Not in tcString, which must now be a TC string that decodes; jurisdiction is hashed the same way.)
      record({ ...decision("known", "WITHDRAWN", "k-3"), jurisdiction: 'ü "sequence":0 ✓' }),
    ]);
    const [retry, reused, fresh, freshRetry, freshWithdrawal, other, knownWithdrawal] = rest.map((settled) =>
      settled.status === "fulfilled" ? settled.value : settled.reason,
    );
    expect(opening.status).toBe("fulfilled");
    expect(retry.id).toBe(first.id);
    expect(reused).toBeInstanceOf(CustosError);
    expect(reused.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(freshRetry.id).toBe(fresh.id);
    expect(freshWithdrawal.subjectId).toBe(fresh.subjectId);
    expect(other.subjectId).not.toBe(first.subjectId);
    expect(knownWithdrawal.subjectId).toBe(first.subjectId);

    expect(await prisma.consentEvent.count()).toBe(6);
    expect(await prisma.dataSubject.count({ where: { externalId: { in: ["known", "fresh", "other", "opening"] } } })).toBe(4);
    const freshState = await prisma.consentState.findFirstOrThrow({ where: { subjectId: fresh.subjectId } });
    expect(freshState).toMatchObject({ decision: "WITHDRAWN", lastEventId: freshWithdrawal.id });
    expect(await prisma.idempotentWrite.count()).toBe(4);
    // Every call but the refused one is audited, the retries too.
    expect(await prisma.auditLogEntry.count({ where: { operation: "recordConsent" } })).toBe(8);

    // Another writer moves the head behind the sequencer's back; its next batch chains after it.
    const cookies = await gateway.asStaff(COOKIES, {
      input: { subjectId: "fresh", choices: [{ category: "analytics", decision: "GRANTED" }], channel: "BANNER" },
    });
    expect(dataOf<{ sequence: number }[]>(cookies, "recordCookieConsent")).toEqual([{ sequence: 7 }]);
    expect((await record(decision("known", "GRANTED", "k-4"))).sequence).toBe(8);
    expect((await record(decision("later", "GRANTED", "k-5"))).sequence).toBe(9);
    expect(dataOf(await gateway.asStaff(VERIFY), "consentLedgerVerification")).toMatchObject({
      ok: true,
      verifiedCount: 9,
      headSequence: 9,
      firstBreak: null,
    });
  });

  it("fails only the decision the database will not take, and chains its batch's others after it in order, with no gap", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const db = scopeToTenant(prisma, gateway.tenantId);
    const ctx: LedgerCaller = {
      caller: { kind: "staff", tenantId: gateway.tenantId, keyId: "batch-test", keyPrefix: "cus_stf_batch" },
      tenantId: gateway.tenantId,
      requestId: "batch-test",
      keyPepper: TEST_KEY_PEPPER,
    };
    const record = (input: ConsentDecisionInput) => recordConsentDecision(db, ctx, input);
    // The first is written alone; the rest wait for the next batch, where a lone surrogate (which the gateway's edge
    // refuses, so only a caller inside the process can still send it) makes the batch's statement fail.
    const [opening, ...rest] = await Promise.allSettled([
      record(decision("opening", "GRANTED", null)),
      record(decision("before", "WITHDRAWN", "k-1")),
      record({ ...decision("faulty", "GRANTED", null), proof: { userAgent: "\udfff" } }),
      record(decision("after", "WITHDRAWN", "k-3")),
      record(decision("after", "WITHDRAWN", "k-3")), // a retry within the batch
    ]);
    expect(opening.status).toBe("fulfilled");
    expect(rest.map((settled) => settled.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const [before, , after, afterRetry] = rest.map((settled) => (settled.status === "fulfilled" ? settled.value : null));
    expect([before?.sequence, after?.sequence]).toEqual([2, 3]);
    expect(afterRetry?.id).toBe(after?.id);
    expect(await prisma.consentEvent.count()).toBe(3);
    expect(await prisma.dataSubject.count({ where: { externalId: "faulty" } })).toBe(0);
    expect(await prisma.idempotentWrite.count()).toBe(2);
    expect((await record(decision("later", "GRANTED", null))).sequence).toBe(4);
    expect(dataOf(await gateway.asStaff(VERIFY), "consentLedgerVerification")).toMatchObject({
      ok: true,
      verifiedCount: 4,
      headSequence: 4,
      firstBreak: null,
    });
  });
});
