// Group commit of read audits (audit-group-commit.ts, and consent checks, whose entries share their lookup's statement in
// consent-check.ts): concurrent reads share INSERTs, yet every read is answered only after its own entry committed, and
// one entry that cannot be written fails its own read alone.
import { randomUUID } from "node:crypto";
import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway } from "../../test/harness.ts";
import { recordReadAudit } from "./audit-group-commit.ts";

const STATE = "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId } }";
const AUDITED = `query ($operation: String) {
  auditLog(first: 100, filter: { operation: $operation }) { edges { node { requestId subjectId } } }
}`;

describe.each(TEST_ENGINES)("read audits committed in groups on %s", (engine) => {
  it("leaves one committed entry per concurrent read by the time each read is answered", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const record = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
    for (const subjectId of ["reader-1", "reader-2"]) {
      const input = { subjectId, purpose: "marketing", decision: "GRANTED", channel: "API" };
      expect((await gateway.asStaff(record, { input })).errors).toBeUndefined();
    }
    const subjects = Array.from({ length: 40 }, (_, index) => ["reader-1", "reader-2", "nobody"][index % 3] as string);
    const answers = await Promise.all(subjects.map((subjectId) => gateway.asStaff(STATE, { subjectId })));
    expect(answers.every((answer) => answer.status === 200 && answer.errors === undefined)).toBe(true);
    const entries = dataOf<{ edges: { node: { requestId: string; subjectId: string | null } }[] }>(
      await gateway.asStaff(AUDITED, { operation: "consentState" }),
      "auditLog",
    ).edges.map((edge) => edge.node);
    expect(entries).toHaveLength(40);
    expect(new Set(entries.map((entry) => entry.requestId)).size).toBe(40);
    expect(entries.filter((entry) => entry.subjectId === "reader-1")).toHaveLength(14);
    expect(entries.filter((entry) => entry.subjectId === null)).toHaveLength(13);
  });

  it("fails only the read whose entry cannot be written when it shares a group", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const db = scopeToTenant(gateway.database.prisma, gateway.tenantId);
    const caller = { kind: "staff", tenantId: gateway.tenantId, keyId: randomUUID(), keyPrefix: "cus_stf_test" } as const;
    const entry = (subjectId?: string) =>
      recordReadAudit(db, { caller, tenantId: gateway.tenantId, requestId: randomUUID() }, { operation: "groupTest", subjectId });
    // A subject id that names no subject breaks the entry's foreign key, as a subject erased mid-read would.
    const outcomes = await Promise.allSettled([entry(), entry(), entry(randomUUID()), entry(), entry()]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const written = dataOf<{ edges: unknown[] }>(await gateway.asStaff(AUDITED, { operation: "groupTest" }), "auditLog").edges;
    expect(written).toHaveLength(4);
  });
});
