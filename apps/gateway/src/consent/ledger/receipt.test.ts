import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import type { ConsentEventRecord } from "./hash-chain.ts";
import { ledgerEntry, ledgerEntryLeafHash } from "./ledger-entry.ts";
import { buildConsentReceipt, type ConsentReceiptInput, consentStatusHistory, RECEIPT_PROFILE, RECORD_PROFILE } from "./receipt.ts";

const grant: ConsentEventRecord = {
  id: "0b6d9c2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
  tenantId: "7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10",
  subjectId: "5b1f7c1e-8d2a-4f0e-b7a4-3c9d2e6f8a01",
  purposeId: "c3a1e6d2-4b7f-4e1a-9c8d-0f2b5a6e7d11",
  decision: "GRANTED",
  channel: "BANNER",
  policyVersionId: "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a",
  jurisdiction: "RU",
  occurredAt: new Date("2025-03-01T10:00:00Z"),
  expiresAt: new Date("2026-03-01T10:00:00Z"),
};

const input: ConsentReceiptInput = {
  receiptId: "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
  issuedAt: "2025-03-01T10:00:05Z",
  event: grant,
  subjectExternalId: "cust-42",
  entry: ledgerEntry({
    ...grant,
    sequence: 7,
    hash: "3f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
    purpose: { key: "marketing" },
    policyVersion: { version: "2025-02", language: "ru" },
  }),
  controller: {
    id: "https://shop.example",
    name: "Shenzhen Example Trading Co., Ltd.",
    email: "privacy@shop.example",
    address: "1 Example Road, Nanshan District, Shenzhen, China",
    url: "https://shop.example",
    consentManagementUrl: "https://shop.example/privacy/preferences",
  },
  purpose: { key: "marketing", name: "Marketing, advertising and communications", legalBasis: "CONSENT" },
  policyVersion: { version: "2025-02", language: "ru", url: "https://shop.example/privacy/2025-02/ru" },
  personalData: [
    { key: "identity", name: "Identity" },
    { key: "usage", name: "Usage" },
  ],
  retention: [{ dataCategory: "identity", duration: "P36M", description: "36 months from collection, then deleted" }],
  storageLocations: ["SG", "CN", "SG"],
  recipients: [{ name: "Acme Cloud", country: "SG", role: "processor" }],
};

describe("buildConsentReceipt", () => {
  const receipt = buildConsentReceipt(input);
  const record = receipt["dpv:hasRecordOfActivity"];

  it("has the receipt header fields: schema version, identifier, creation time, publisher", () => {
    expect(receipt["@type"]).toBe("dpv:ConsentReceipt");
    expect(receipt["@id"]).toBe("urn:uuid:f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");
    expect(receipt["dct:identifier"]).toBe(input.receiptId);
    expect(receipt["dpv:hasIdentifier"]).toBe(input.receiptId);
    expect(receipt["dct:conformsTo"]).toEqual({ "@id": RECEIPT_PROFILE });
    expect(receipt["dct:created"]).toBe("2025-03-01T10:00:05.000Z");
    expect(receipt["dct:publisher"]).toEqual({ "@id": "https://shop.example" });
    expect(receipt["schema:recipient"]).toEqual({ "@id": `urn:uuid:${grant.subjectId}` });
    expect(receipt["@context"].dpv).toBe("https://w3id.org/dpv#");
  });

  it("wraps a consent record with record id, PII principal, controller, jurisdiction and notice", () => {
    expect(record["@type"]).toBe("dpv:ConsentRecord");
    expect(record["dct:identifier"]).toBe(grant.id);
    expect(record["dct:conformsTo"]).toEqual({ "@id": RECORD_PROFILE });
    expect(record["dpv:hasDataSubject"]).toEqual({
      "@id": `urn:uuid:${grant.subjectId}`,
      "@type": "dpv:DataSubject",
      "dct:identifier": "cust-42",
    });
    expect(record["dpv:hasDataController"]).toEqual({ "@id": "https://shop.example" });
    expect(record["dpv:hasJurisdiction"]).toEqual({ "@id": "loc:RU" });
    expect(record["dpv:hasNotice"]).toEqual({
      "@id": "https://shop.example/privacy/2025-02/ru",
      "@type": "dpv:ConsentNotice",
      "dct:hasVersion": "2025-02",
      "dct:language": "ru",
    });
  });

  it("names the purpose with its legal basis, the withdrawal method and the controller's contact", () => {
    expect(record["dpv:hasProcess"]).toEqual({
      "@type": "dpv:Process",
      "dpv:hasPurpose": { "@type": "dpv:Purpose", "dct:identifier": "marketing", "dct:title": "Marketing, advertising and communications" },
      "dpv:hasLegalBasis": { "@id": "dpv:Consent" },
      "dpv:hasDataController": { "@id": "https://shop.example" },
      "dpv:hasPersonalData": [
        {
          "@id": "https://shop.example#data-category:identity",
          "@type": "dpv:PersonalData",
          "dct:identifier": "identity",
          "dct:title": "Identity",
        },
        { "@id": "https://shop.example#data-category:usage", "@type": "dpv:PersonalData", "dct:identifier": "usage", "dct:title": "Usage" },
      ],
      "dpv:hasStorageCondition": [
        { "@type": "dpv:StorageLocation", "dpv:hasLocation": [{ "@id": "loc:CN" }, { "@id": "loc:SG" }] },
        {
          "@type": "dpv:StorageDuration",
          "dpv:hasPersonalData": { "@id": "https://shop.example#data-category:identity" },
          "rdf:value": "P36M",
          "dct:description": "36 months from collection, then deleted",
        },
      ],
      "dpv:hasRecipient": [
        { "@type": ["dpv:Recipient", "dpv:DataProcessor"], "dpv:hasName": "Acme Cloud", "dpv:hasLocation": { "@id": "loc:SG" } },
      ],
    });
    expect(record["dpv:hasConsentControl"]).toEqual({
      "@type": ["dpv:ProvideConsent", "dpv:WithdrawConsent"],
      "dpv:isExercisedAt": [{ "@id": "https://shop.example/privacy/preferences" }, { "@id": "mailto:privacy@shop.example" }],
    });
    expect(record["dpv:hasEntity"]).toEqual([
      {
        "@id": "https://shop.example",
        "@type": ["dpv:Organisation", "dpv:DataController"],
        "dpv:hasName": "Shenzhen Example Trading Co., Ltd.",
        "schema:contactPoint": [
          { "@type": "schema:ContactPoint", "schema:email": "privacy@shop.example" },
          { "@type": "schema:PostalAddress", "schema:streetAddress": "1 Example Road, Nanshan District, Shenzhen, China" },
        ],
        "schema:url": { "@id": "https://shop.example" },
      },
    ]);
  });

  it("records the event as given consent with time, entity, method and duration, and its public log entry", () => {
    expect(record["dpv:hasConsentStatus"]).toEqual([
      {
        "@type": ["dpv:ConsentGiven", "dpv:ExpressedConsent"],
        "dct:identifier": grant.id,
        "dpv:isIndicatedAtTime": "2025-03-01T10:00:00.000Z",
        "dpv:isIndicatedBy": { "@id": `urn:uuid:${grant.subjectId}` },
        "dpv:hasIndicationMethod": "Cookie banner on the storefront",
        "dpv:hasDuration": { "@type": "dpv:UntilTimeDuration", "rdf:value": "2026-03-01T10:00:00.000Z" },
      },
    ]);
    expect(record["dct:provenance"].ledgerEntry).toEqual(input.entry);
    expect(record["dct:provenance"]["rdf:value"]).toBe(ledgerEntryLeafHash(input.entry));
  });

  it("expands as JSON-LD offline to DPV concepts as IRIs, the controller as a linked node, and every field the guide requires", async () => {
    const documentLoader = async (url: string): Promise<never> => {
      throw new Error(`the receipt must expand offline, yet asked for ${url}`);
    };
    const [expanded = {}] = (await jsonld.expand(receipt as unknown as jsonld.JsonLdDocument, { documentLoader })) as Record<
      string,
      unknown
    >[];
    const dpv = (term: string) => `https://w3id.org/dpv#${term}`;
    const expandedRecord = (expanded[dpv("hasRecordOfActivity")] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const process = (expandedRecord[dpv("hasProcess")] as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(process[dpv("hasLegalBasis")]).toEqual([{ "@id": dpv("Consent") }]);
    expect(expandedRecord[dpv("hasDataController")]).toEqual([{ "@id": "https://shop.example" }]);
    expect((expandedRecord[dpv("hasEntity")] as { "@id": string }[])[0]?.["@id"]).toBe("https://shop.example");
    expect(expandedRecord[dpv("hasJurisdiction")]).toEqual([{ "@id": "https://w3id.org/dpv/loc#RU" }]);
    for (const required of ["hasPersonalData", "hasStorageCondition", "hasRecipient"]) expect(process[dpv(required)]).not.toHaveLength(0);
    const conditions = process[dpv("hasStorageCondition")] as Record<string, unknown>[];
    expect(conditions.map((condition) => condition["@type"])).toEqual([[dpv("StorageLocation")], [dpv("StorageDuration")]]);
    expect(expandedRecord[dpv("hasConsentControl")]).toEqual([
      {
        "@type": [dpv("ProvideConsent"), dpv("WithdrawConsent")],
        [dpv("isExercisedAt")]: [{ "@id": "https://shop.example/privacy/preferences" }, { "@id": "mailto:privacy@shop.example" }],
      },
    ]);
    const provenance = (expandedRecord["http://purl.org/dc/terms/provenance"] as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(provenance["urn:custos:terms:ledgerEntry"]).toEqual([{ "@type": "@json", "@value": input.entry }]);
    const quads = (await jsonld.toRDF(receipt as unknown as jsonld.JsonLdDocument, {
      documentLoader,
      format: "application/n-quads",
    })) as unknown as string;
    // Every term of the receipt is defined by its context: nothing was dropped on the way to RDF.
    expect(quads.split("\n").filter(Boolean).length).toBeGreaterThan(60);
    expect(quads).not.toContain("_:controller");
  });

  it("maps the other legal bases and leaves out what is unknown", () => {
    const minimal = buildConsentReceipt({
      ...input,
      event: { ...grant, jurisdiction: null },
      controller: {
        id: "urn:uuid:7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10",
        name: "Example",
        email: "privacy@shop.example",
        address: "Shenzhen",
      },
      purpose: { key: "fraud", name: "Risk and fraud prevention", legalBasis: "LEGITIMATE_INTEREST" },
      policyVersion: null,
    });
    const minimalRecord = minimal["dpv:hasRecordOfActivity"];
    expect(minimalRecord["dpv:hasProcess"]["dpv:hasLegalBasis"]).toEqual({ "@id": "dpv:LegitimateInterest" });
    expect(minimalRecord["dpv:hasDataController"]).toEqual({ "@id": "urn:uuid:7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10" });
    expect(minimalRecord).not.toHaveProperty("dpv:hasJurisdiction");
    expect(minimalRecord).not.toHaveProperty("dpv:hasNotice");
    // Without a preference centre, withdrawal is by writing to the controller (P7).
    expect(minimalRecord["dpv:hasConsentControl"]["dpv:isExercisedAt"]).toEqual([{ "@id": "mailto:privacy@shop.example" }]);
    expect(
      buildConsentReceipt({ ...input, purpose: { ...input.purpose, legalBasis: "CONTRACT" } })["dpv:hasRecordOfActivity"]["dpv:hasProcess"][
        "dpv:hasLegalBasis"
      ],
    ).toEqual({ "@id": "dpv:Contract" });
    expect(
      buildConsentReceipt({ ...input, purpose: { ...input.purpose, legalBasis: "LEGAL_OBLIGATION" } })["dpv:hasRecordOfActivity"][
        "dpv:hasProcess"
      ]["dpv:hasLegalBasis"],
    ).toEqual({ "@id": "dpv:LegalObligation" });
  });
});

describe("consentStatusHistory", () => {
  const at = (occurredAt: string, decision: "GRANTED" | "WITHDRAWN", expiresAt: string | null = null) => ({
    id: occurredAt,
    decision,
    channel: "PREFERENCE_CENTRE" as const,
    occurredAt,
    expiresAt,
  });

  it("tells refusal, withdrawal, expiry and renewal apart", () => {
    const history = consentStatusHistory(
      [
        at("2024-01-01T00:00:00Z", "WITHDRAWN"),
        at("2024-02-01T00:00:00Z", "GRANTED", "2024-08-01T00:00:00Z"),
        at("2024-09-01T00:00:00Z", "GRANTED", "2025-03-01T00:00:00Z"),
        at("2024-10-01T00:00:00Z", "WITHDRAWN"),
        at("2024-11-01T00:00:00Z", "GRANTED", "2025-05-01T00:00:00Z"),
      ],
      "2025-06-01T00:00:00Z",
      "urn:uuid:subject",
      "urn:uuid:controller",
    );
    expect(history.map((status) => [status["@type"], status["dpv:isIndicatedAtTime"]])).toEqual([
      ["dpv:ConsentRefused", "2024-01-01T00:00:00.000Z"],
      [["dpv:ConsentGiven", "dpv:ExpressedConsent"], "2024-02-01T00:00:00.000Z"],
      ["dpv:ConsentExpired", "2024-08-01T00:00:00.000Z"],
      [["dpv:RenewedConsentGiven", "dpv:ExpressedConsent"], "2024-09-01T00:00:00.000Z"],
      ["dpv:ConsentWithdrawn", "2024-10-01T00:00:00.000Z"],
      [["dpv:ConsentGiven", "dpv:ExpressedConsent"], "2024-11-01T00:00:00.000Z"],
      ["dpv:ConsentExpired", "2025-05-01T00:00:00.000Z"],
    ]);
    expect(history[2]?.["dpv:isIndicatedBy"]).toEqual({ "@id": "urn:uuid:controller" });
  });

  it("gives a grant without expiry an endless duration", () => {
    expect(
      consentStatusHistory([at("2024-01-01T00:00:00Z", "GRANTED")], "2025-01-01T00:00:00Z", "urn:uuid:s", "urn:uuid:c")[0]?.[
        "dpv:hasDuration"
      ],
    ).toEqual({
      "@type": "dpv:EndlessDuration",
    });
  });
});
