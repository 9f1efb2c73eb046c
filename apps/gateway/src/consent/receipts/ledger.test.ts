import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { ACCEPT_ALL_TC } from "../../../test/samples/iab-strings.ts";
import { eraseSubjectRecords } from "../../subjects/erasure.ts";
import { type ChainedConsentEvent, consentEventHash, verifyChain } from "../ledger/hash-chain.ts";

const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence hash } }`;
const VERIFY = `query ($checkpoint: String) {
  consentLedgerVerification(checkpoint: $checkpoint) { ok verifiedCount headSequence headHash firstBreak { kind sequence eventId } }
}`;
const PUBLISH = "mutation { publishConsentCheckpoint { treeSize rootHash jws } }";
const RECEIPT = "query ($subjectId: String!, $eventId: ID!) { consentReceipt(subjectId: $subjectId, eventId: $eventId) }";
const EXPORT = `query ($from: DateTime!, $to: DateTime!, $format: ConsentExportFormat!) {
  consentEventsExport(from: $from, to: $to, format: $format) { format count document }
}`;

const SUBJECT_EVENTS = `query ($subjectId: String!, $after: String) {
  subjectConsentEvents(subjectId: $subjectId, first: 1, after: $after) {
    edges { cursor node { decision sequence subjectId } }
    pageInfo { hasNextPage }
  }
}`;

const proof = { userAgent: "Mozilla/5.0 (X11; Linux x86_64)", ipAddress: "198.51.100.23", pageUrl: "https://shop.test/account" };

async function record(gateway: TestGateway, subjectId: string, decision: string, extra: Record<string, unknown> = {}) {
  const response = await gateway.asStaff(RECORD, {
    input: { subjectId, purpose: "marketing", decision, channel: "PREFERENCE_CENTRE", jurisdiction: "RU", proof, ...extra },
  });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data?.recordConsent as { id: string; sequence: number; hash: string };
}

async function verification(gateway: TestGateway, checkpoint?: string) {
  return (await gateway.asStaff(VERIFY, { checkpoint })).data?.consentLedgerVerification;
}

async function publishCheckpoint(gateway: TestGateway) {
  return (await gateway.asStaff(PUBLISH)).data?.publishConsentCheckpoint as { treeSize: number; rootHash: string; jws: string };
}

/** Tamper test helper: rewrites one event's decision and re-chains every later event and the head, as a thorough forger would. */
async function rewriteAndRechain(gateway: TestGateway, sequence: number) {
  const { prisma } = gateway.database;
  const events = await prisma.consentEvent.findMany({ orderBy: { sequence: "asc" } });
  let previous = events[sequence - 2]?.hash ?? "0".repeat(64);
  for (const event of events.slice(sequence - 1)) {
    const decision = event.sequence === sequence ? (event.decision === "GRANTED" ? "WITHDRAWN" : "GRANTED") : event.decision;
    const hash = consentEventHash(previous, { ...event, decision }, event.sequence);
    await prisma.consentEvent.update({ where: { id: event.id }, data: { decision, previousHash: previous, hash } });
    previous = hash;
  }
  await prisma.consentChainHead.update({ where: { tenantId: gateway.tenantId }, data: { hash: previous } });
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
    // The catalogue's terms the receipt names: a processor for the purpose, in Singapore, and how long identity is kept.
    const setUp = [
      gateway.asStaff("mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
        input: { name: "Acme Mail", country: "SG", purposes: ["marketing"], dataCategories: ["identity"] },
      }),
      gateway.asStaff("mutation ($input: SetRetentionPolicyInput!) { setRetentionPolicy(input: $input) { id } }", {
        input: { dataCategory: "identity", trigger: "COLLECTION", action: "DELETE", legalBasis: "CONSENT" },
      }),
    ];
    for (const response of await Promise.all(setUp)) expect(response.errors).toBeUndefined();
    await record(gateway, "receipt-holder", "GRANTED", { channel: "BANNER" });
    const withdrawal = await record(gateway, "receipt-holder", "WITHDRAWN", { channel: "UNSUBSCRIBE_LINK" });
    const shopper = { token: await gateway.shopperSession("receipt-holder") };
    const response = await gateway.execute(RECEIPT, { subjectId: "receipt-holder", eventId: withdrawal.id }, shopper);
    const receipt = JSON.parse(response.data?.consentReceipt as string);
    const event = await gateway.database.prisma.consentEvent.findUniqueOrThrow({ where: { id: withdrawal.id } });
    expect(receipt).toMatchObject({
      "@type": "dpv:ConsentReceipt",
      "dct:conformsTo": { "@id": "https://w3id.org/dpv/schema/dpv-27560#receipt" },
      "schema:recipient": { "@id": `urn:uuid:${event.subjectId}` },
      "dpv:hasRecordOfActivity": {
        "@id": `urn:uuid:${withdrawal.id}`,
        "@type": "dpv:ConsentRecord",
        "dct:conformsTo": { "@id": "https://w3id.org/dpv/schema/dpv-27560#record" },
        "dpv:hasDataSubject": { "dct:identifier": "receipt-holder" },
        "dpv:hasDataController": { "@id": `urn:uuid:${gateway.tenantId}` },
        "dpv:hasJurisdiction": { "@id": "loc:RU" },
        "dpv:hasNotice": { "@type": "dpv:ConsentNotice", "dct:hasVersion": "2024", "dct:language": "ru" },
        "dpv:hasProcess": {
          "dpv:hasPurpose": { "dct:identifier": "marketing" },
          "dpv:hasLegalBasis": { "@id": "dpv:Consent" },
          "dpv:hasPersonalData": [
            { "dct:identifier": "identity" },
            { "dct:identifier": "marketing_preferences" },
            { "dct:identifier": "usage" },
          ],
          "dpv:hasStorageCondition": expect.arrayContaining([
            { "@type": "dpv:StorageLocation", "dpv:hasLocation": [{ "@id": "loc:SG" }] },
            expect.objectContaining({ "@type": "dpv:StorageDuration", "rdf:value": "P36M" }),
          ]),
          "dpv:hasRecipient": [
            { "@type": ["dpv:Recipient", "dpv:DataProcessor"], "dpv:hasName": "Acme Mail", "dpv:hasLocation": { "@id": "loc:SG" } },
          ],
        },
        "dpv:hasConsentControl": {
          "@type": ["dpv:ProvideConsent", "dpv:WithdrawConsent"],
          "dpv:isExercisedAt": [{ "@id": "https://shop.example.com/privacy.html#preferences" }, { "@id": "mailto:privacy@example.com" }],
        },
        "dpv:hasConsentStatus": [
          { "@type": ["dpv:ConsentGiven", "dpv:ExpressedConsent"], "dpv:hasIndicationMethod": "Cookie banner on the storefront" },
          { "@type": "dpv:ConsentWithdrawn", "dpv:hasIndicationMethod": "Unsubscribe link in an e-mail" },
        ],
        "dct:provenance": { ledgerEntry: { eventId: withdrawal.id, sequence: withdrawal.sequence, ledgerHash: withdrawal.hash } },
      },
    });

    const someoneElse = { token: await gateway.shopperSession("another-shopper") };
    expect(
      (await gateway.execute(RECEIPT, { subjectId: "receipt-holder", eventId: withdrawal.id }, someoneElse)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    await record(gateway, "another-shopper", "GRANTED");
    const crossed = await gateway.execute(RECEIPT, { subjectId: "another-shopper", eventId: withdrawal.id }, someoneElse);
    expect(crossed.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    // The storefront's key gets its visitors' receipts, never a customer's: the key ships in the page.
    const storefront = {
      token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: ["https://shop.test"] }),
      origin: "https://shop.test",
    };
    const forCustomer = await gateway.execute(RECEIPT, { subjectId: "receipt-holder", eventId: withdrawal.id }, storefront);
    expect(forCustomer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const visitorEvent = await gateway.execute(
      RECORD,
      {
        input: { subjectId: "visitor:Xq3v9Jk2TnYw0LrB5sPe1A", purpose: "marketing", decision: "GRANTED", channel: "BANNER" },
      },
      storefront,
    );
    const { id: visitorId } = dataOf<{ id: string }>(visitorEvent, "recordConsent");
    const forVisitor = await gateway.execute(RECEIPT, { subjectId: "visitor:Xq3v9Jk2TnYw0LrB5sPe1A", eventId: visitorId }, storefront);
    expect(JSON.parse(forVisitor.data?.consentReceipt as string)["dpv:hasRecordOfActivity"]["dct:identifier"]).toBe(visitorId);
  });

  it("catches a rewrite re-chained to match, with the checkpoint published before it, even if the stored ones are deleted", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    for (const decision of ["GRANTED", "WITHDRAWN", "GRANTED"]) await record(gateway, "rechained", decision);
    const kept = await publishCheckpoint(gateway);
    expect(kept.treeSize).toBe(3);
    await record(gateway, "rechained", "WITHDRAWN");
    expect(await verification(gateway, kept.jws)).toMatchObject({ ok: true, verifiedCount: 4 });

    // Tamper test: the second decision flipped and every later link and the head recomputed: the chain alone verifies.
    await rewriteAndRechain(gateway, 2);
    const caught = { ok: false, firstBreak: { kind: "CHECKPOINT_MISMATCH", sequence: 3, eventId: null } };
    expect(await verification(gateway)).toMatchObject(caught);
    // The forger deletes the stored checkpoints too; the copy someone kept from the public URL still catches it.
    await gateway.database.prisma.consentCheckpoint.deleteMany({});
    expect(await verification(gateway)).toMatchObject({ ok: true });
    expect(await verification(gateway, kept.jws)).toMatchObject(caught);
    const forgedCheckpoint = `${kept.jws.slice(0, -4)}AAAA`;
    expect((await gateway.asStaff(VERIFY, { checkpoint: forgedCheckpoint })).errors?.[0]?.extensions?.code).toBe("INVALID_CHECKPOINT");
  });

  it("catches the newest event deleted with the head moved back, by the checkpoint that covered it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const events = [];
    for (const decision of ["GRANTED", "WITHDRAWN", "GRANTED"]) events.push(await record(gateway, "deleted", decision));
    await publishCheckpoint(gateway);
    // Tamper test: the newest event deleted, and the head moved back to the one before, so no gap and no head mismatch.
    const { prisma } = gateway.database;
    await prisma.$executeRaw`DELETE FROM "ConsentEvent" WHERE sequence = 3`;
    await prisma.consentChainHead.update({ where: { tenantId: gateway.tenantId }, data: { sequence: 2, hash: events[1]?.hash } });
    expect(await verification(gateway)).toMatchObject({ ok: false, firstBreak: { kind: "CHECKPOINT_MISMATCH", sequence: 3 } });
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

    // One person's events, newest first and paged, for staff and auditors alike; each read names the person in the log.
    await record(gateway, "someone-else", "GRANTED");
    const page = async (subjectId: string, after?: string) =>
      dataOf<{
        edges: { cursor: string; node: { decision: string; sequence: number; subjectId: string } }[];
        pageInfo: { hasNextPage: boolean };
      }>(await gateway.execute(SUBJECT_EVENTS, { subjectId, after }, auditor), "subjectConsentEvents");
    const first = await page("exported");
    expect(first.edges.map(({ node }) => [node.sequence, node.decision, node.subjectId])).toEqual([[2, "WITHDRAWN", "exported"]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page("exported", first.edges[0]?.cursor);
    expect(second.edges.map(({ node }) => [node.sequence, node.decision])).toEqual([[1, "GRANTED"]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await page("nobody-by-this-id")).edges).toEqual([]);
    const subject = await gateway.database.prisma.dataSubject.findFirstOrThrow({ where: { externalId: "exported" } });
    expect(await gateway.database.prisma.auditLogEntry.count({ where: { operation: "subjectConsentEvents", subjectId: subject.id } })).toBe(
      2,
    );
  });
});
