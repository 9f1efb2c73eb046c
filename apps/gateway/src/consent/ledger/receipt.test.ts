import { describe, expect, it } from "vitest";
import type { ConsentEventRecord } from "./hash-chain.ts";
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
  eventHash: "3f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
  controller: {
    name: "Shenzhen Example Trading Co., Ltd.",
    email: "privacy@shop.example",
    address: "1 Example Road, Nanshan District, Shenzhen, China",
    url: "https://shop.example",
    consentManagementUrl: "https://shop.example/privacy/preferences",
  },
  purpose: { key: "marketing", name: "Marketing, advertising and communications", legalBasis: "CONSENT" },
  policyVersion: { version: "2025-02", language: "ru", url: "https://shop.example/privacy/2025-02/ru" },
};

describe("buildConsentReceipt", () => {
  const receipt = buildConsentReceipt(input);
  const record = receipt["dpv:hasRecordOfActivity"];

  it("has the receipt header fields: schema version, identifier, creation time, publisher", () => {
    expect(receipt["@type"]).toBe("dpv:ConsentReceipt");
    expect(receipt["@id"]).toBe("urn:uuid:f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");
    expect(receipt["dct:identifier"]).toBe(input.receiptId);
    expect(receipt["dpv:hasIdentifier"]).toBe(input.receiptId);
    expect(receipt["dct:conformsTo"]).toBe(RECEIPT_PROFILE);
    expect(receipt["dct:created"]).toBe("2025-03-01T10:00:05.000Z");
    expect(receipt["dct:publisher"]).toBe("https://shop.example");
    expect(receipt["schema:recipient"]).toBe("dpv:DataSubject");
    expect(receipt["@context"].dpv).toBe("https://w3id.org/dpv#");
  });

  it("wraps a consent record with record id, PII principal, controller, jurisdiction and notice", () => {
    expect(record["@type"]).toBe("dpv:ConsentRecord");
    expect(record["dct:identifier"]).toBe(grant.id);
    expect(record["dct:conformsTo"]).toBe(RECORD_PROFILE);
    expect(record["dpv:hasDataSubject"]).toEqual({
      "@id": `urn:uuid:${grant.subjectId}`,
      "@type": "dpv:DataSubject",
      "dct:identifier": grant.subjectId,
    });
    expect(record["dpv:hasDataController"]).toBe("https://shop.example");
    expect(record["dpv:hasJurisdiction"]).toBe("loc:RU");
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
      "dpv:hasLegalBasis": "dpv:Consent",
      "dpv:hasDataController": "https://shop.example",
    });
    expect(record["dpv:hasConsentControl"]).toEqual({
      "@type": ["dpv:ProvideConsent", "dpv:WithdrawConsent"],
      "dpv:isExercisedAt": "https://shop.example/privacy/preferences",
    });
    expect(record["dpv:hasEntity"]).toEqual([
      {
        "@id": "https://shop.example",
        "@type": ["dpv:Organisation", "dpv:DataController"],
        "dpv:hasIdentifier": "https://shop.example",
        "dpv:hasName": "Shenzhen Example Trading Co., Ltd.",
        "schema:contactPoint": [
          { "@type": "schema:ContactPoint", "schema:email": "privacy@shop.example" },
          { "@type": "schema:PostalAddress", "schema:streetAddress": "1 Example Road, Nanshan District, Shenzhen, China" },
        ],
        "schema:url": "https://shop.example",
      },
    ]);
  });

  it("records the event as given consent with time, entity, method and duration, and the ledger hash", () => {
    expect(record["dpv:hasConsentStatus"]).toEqual([
      {
        "@type": ["dpv:ConsentGiven", "dpv:ExpressedConsent"],
        "dct:identifier": grant.id,
        "dpv:isIndicatedAtTime": "2025-03-01T10:00:00.000Z",
        "dpv:isIndicatedBy": "dpv:DataSubject",
        "dpv:hasIndicationMethod": "Cookie banner on the storefront",
        "dpv:hasDuration": { "@type": "dpv:UntilTimeDuration", "rdf:value": "2026-03-01T10:00:00.000Z" },
      },
    ]);
    expect(record["dct:provenance"]["rdf:value"]).toBe(`sha256:${input.eventHash}`);
  });

  it("maps the other legal bases and leaves out what is unknown", () => {
    const minimal = buildConsentReceipt({
      ...input,
      event: { ...grant, jurisdiction: null },
      controller: { name: "Example", email: "privacy@shop.example", address: "Shenzhen" },
      purpose: { key: "fraud", name: "Risk and fraud prevention", legalBasis: "LEGITIMATE_INTEREST" },
      policyVersion: null,
    });
    const minimalRecord = minimal["dpv:hasRecordOfActivity"];
    expect(minimalRecord["dpv:hasProcess"]["dpv:hasLegalBasis"]).toBe("dpv:LegitimateInterest");
    expect(minimalRecord["dpv:hasDataController"]).toBe("_:controller");
    expect(minimalRecord).not.toHaveProperty("dpv:hasJurisdiction");
    expect(minimalRecord).not.toHaveProperty("dpv:hasNotice");
    expect(minimalRecord).not.toHaveProperty("dpv:hasConsentControl");
    expect(
      buildConsentReceipt({ ...input, purpose: { ...input.purpose, legalBasis: "CONTRACT" } })["dpv:hasRecordOfActivity"]["dpv:hasProcess"][
        "dpv:hasLegalBasis"
      ],
    ).toBe("dpv:Contract");
    expect(
      buildConsentReceipt({ ...input, purpose: { ...input.purpose, legalBasis: "LEGAL_OBLIGATION" } })["dpv:hasRecordOfActivity"][
        "dpv:hasProcess"
      ]["dpv:hasLegalBasis"],
    ).toBe("dpv:LegalObligation");
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
      "_:controller",
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
    expect(history[2]?.["dpv:isIndicatedBy"]).toBe("_:controller");
  });

  it("gives a grant without expiry an endless duration", () => {
    expect(consentStatusHistory([at("2024-01-01T00:00:00Z", "GRANTED")], "2025-01-01T00:00:00Z", "_:c")[0]?.["dpv:hasDuration"]).toEqual({
      "@type": "dpv:EndlessDuration",
    });
  });
});
