import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { ACCEPT_ALL_TC } from "../../../test/samples/iab-strings.ts";
import { eraseSubjectRecords } from "../../subjects/erasure.ts";
import { type ChainedConsentEvent, verifyChain } from "../ledger/hash-chain.ts";

const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence hash } }`;
const VERIFY = "{ consentLedgerVerification { ok verifiedCount headSequence headHash firstBreak { kind sequence eventId } } }";
const RECEIPT = "query ($subjectId: String!, $eventId: ID!) { consentReceipt(subjectId: $subjectId, eventId: $eventId) }";
const EXPORT = `query ($from: DateTime!, $to: DateTime!, $format: ConsentExportFormat!) {
  consentEventsExport(from: $from, to: $to, format: $format) { format count document }
}`;

const proof = { userAgent: "Mozilla/5.0 (X11; Linux x86_64)", ipAddress: "198.51.100.23", pageUrl: "https://shop.test/account" };

async function record(gateway: TestGateway, subjectId: string, decision: string, extra: Record<string, unknown> = {}) {
  const response = await gateway.asStaff(RECORD, {
    input: { subjectId, purpose: "marketing", decision, channel: "PREFERENCE_CENTRE", jurisdiction: "RU", proof, ...extra },
  });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data?.recordConsent as { id: string; sequence: number; hash: string };
}

async function verification(gateway: TestGateway) {
  return (await gateway.asStaff(VERIFY)).data?.consentLedgerVerification;
}

describe.each(TEST_ENGINES)("the consent ledger's chain on %s", (engine) => {
  it("numbers events without gaps under concurrency, survives an erasure, and reports the row edited behind its back", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const events = await Promise.all(
      Array.from({ length: 10 }, (_, index) => record(gateway, `chain-${index % 3}`, index % 2 === 0 ? "GRANTED" : "WITHDRAWN")),
    );
    expect(events.map((event) => event.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await verification(gateway)).toMatchObject({ ok: true, verifiedCount: 10, headSequence: 10, firstBreak: null });

    const erased = await prisma.dataSubject.findUniqueOrThrow({
      where: { tenantId_externalId: { tenantId: gateway.tenantId, externalId: "chain-1" } },
    });
    await scopeToTenant(prisma, gateway.tenantId).$transaction((tx) => eraseSubjectRecords(tx, erased.id));
    expect(
      await prisma.consentEvent.count({ where: { subjectId: erased.id, userAgent: null, ipHash: null, proofDigest: { not: null } } }),
    ).toBe(3);
    expect(await verification(gateway)).toMatchObject({ ok: true, verifiedCount: 10 });

    const fifth = await prisma.consentEvent.findFirstOrThrow({ where: { sequence: 5 } });
    const flipped = fifth.decision === "GRANTED" ? "WITHDRAWN" : "GRANTED";
    // Tamper test: someone with database access rewrites a decision behind the ledger; the chain must show it.
    await prisma.$executeRaw`UPDATE "ConsentEvent" SET decision = ${flipped}::"ConsentDecision" WHERE id = ${fifth.id}::uuid`;
    expect(await verification(gateway)).toEqual({
      ok: false,
      verifiedCount: 4,
      headSequence: 4,
      headHash: expect.any(String),
      firstBreak: { kind: "HASH_MISMATCH", sequence: 5, eventId: fifth.id },
    });
  });

  it("notices the newest events deleted, which leaves no gap in the rows", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    for (const decision of ["GRANTED", "WITHDRAWN", "GRANTED"]) await record(gateway, "truncated", decision);
    // Tamper test: the newest event deleted straight from the database.
    await gateway.database.prisma.$executeRaw`DELETE FROM "ConsentEvent" WHERE sequence = 3`;
    expect(await verification(gateway)).toMatchObject({ ok: false, verifiedCount: 2, firstBreak: { kind: "HEAD_MISMATCH", sequence: 3 } });
  });

  it("issues an ISO/IEC TS 27560 receipt (DPV) with the target's history, to the shopper for their own events only", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    await record(gateway, "receipt-holder", "GRANTED", { channel: "BANNER" });
    const withdrawal = await record(gateway, "receipt-holder", "WITHDRAWN", { channel: "UNSUBSCRIBE_LINK" });
    const shopper = { token: await gateway.shopperSession("receipt-holder") };
    const response = await gateway.execute(RECEIPT, { subjectId: "receipt-holder", eventId: withdrawal.id }, shopper);
    const receipt = JSON.parse(response.data?.consentReceipt as string);
    const event = await gateway.database.prisma.consentEvent.findUniqueOrThrow({ where: { id: withdrawal.id } });
    expect(receipt).toMatchObject({
      "@type": "dpv:ConsentReceipt",
      "dct:conformsTo": "https://w3id.org/dpv/schema/dpv-27560#receipt",
      "schema:recipient": "dpv:DataSubject",
      "dpv:hasRecordOfActivity": {
        "@id": `urn:uuid:${withdrawal.id}`,
        "@type": "dpv:ConsentRecord",
        "dct:conformsTo": "https://w3id.org/dpv/schema/dpv-27560#record",
        "dpv:hasDataSubject": { "dct:identifier": event.subjectId },
        "dpv:hasJurisdiction": "loc:RU",
        "dpv:hasNotice": { "@type": "dpv:ConsentNotice", "dct:hasVersion": "2024", "dct:language": "ru" },
        "dpv:hasProcess": { "dpv:hasPurpose": { "dct:identifier": "marketing" }, "dpv:hasLegalBasis": "dpv:Consent" },
        "dpv:hasConsentStatus": [
          { "@type": ["dpv:ConsentGiven", "dpv:ExpressedConsent"], "dpv:hasIndicationMethod": "Cookie banner on the storefront" },
          { "@type": "dpv:ConsentWithdrawn", "dpv:hasIndicationMethod": "Unsubscribe link in an e-mail" },
        ],
        "dct:provenance": { "rdf:value": `sha256:${withdrawal.hash}` },
      },
    });
    expect(JSON.stringify(receipt)).not.toContain("receipt-holder");

    const someoneElse = { token: await gateway.shopperSession("another-shopper") };
    expect(
      (await gateway.execute(RECEIPT, { subjectId: "receipt-holder", eventId: withdrawal.id }, someoneElse)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    await record(gateway, "another-shopper", "GRANTED");
    const crossed = await gateway.execute(RECEIPT, { subjectId: "another-shopper", eventId: withdrawal.id }, someoneElse);
    expect(crossed.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("exports a period's events as CSV and as JSON that verifies, and refuses a backwards range", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const tcString = ACCEPT_ALL_TC();
    for (const decision of ["GRANTED", "WITHDRAWN"]) await record(gateway, "exported", decision, { tcString });
    const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const json = (await gateway.asStaff(EXPORT, { ...range, format: "JSON" })).data?.consentEventsExport as {
      count: number;
      document: string;
    };
    expect(json.count).toBe(2);
    const rows = JSON.parse(json.document) as ChainedConsentEvent[];
    expect(rows.map((row) => [row.sequence, row.decision, row.tcString])).toEqual([
      [1, "GRANTED", tcString],
      [2, "WITHDRAWN", tcString],
    ]);
    expect(verifyChain(rows)).toMatchObject({ ok: true, count: 2 });

    const auditor = { token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) };
    const csv = (await gateway.execute(EXPORT, { ...range, format: "CSV" }, auditor)).data?.consentEventsExport as { document: string };
    const records = parseCsv(csv.document, { columns: true }) as Record<string, string>[];
    expect(records.map((row) => [row.sequence, row.decision, row.userAgent])).toEqual([
      ["1", "GRANTED", proof.userAgent],
      ["2", "WITHDRAWN", proof.userAgent],
    ]);
    expect(records[0]?.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(csv.document).not.toContain(proof.ipAddress);

    const backwards = await gateway.asStaff(EXPORT, { from: range.to, to: range.from, format: "CSV" });
    expect(backwards.errors?.[0]?.extensions?.code).toBe("INVALID_EXPORT_RANGE");
  });
});
