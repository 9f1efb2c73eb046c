import { describe, expect, it } from "vitest";
import { type TransferForStorefront, whereDoesMyDataGo } from "./where-does-my-data-go.ts";

const now = new Date("2026-11-24T00:00:00.000Z");
const processors = [
  { id: "p-cloud", name: "Lion City Cloud" },
  { id: "p-pay", name: "Alipay Singapore" },
  { id: "p-mail", name: "Tokyo Mailer" },
];

function transfer(overrides: Partial<TransferForStorefront>): TransferForStorefront {
  return {
    processorId: "p-cloud",
    destinationCountry: "SG",
    purpose: "Support",
    startsAt: new Date("2025-01-01T00:00:00.000Z"),
    endsAt: null,
    ...overrides,
  };
}

describe("whereDoesMyDataGo", () => {
  it("groups active transfers by country, sorted by name, with sorted unique recipients and purposes", () => {
    const transfers = [
      transfer({}),
      transfer({ processorId: "p-pay", purpose: "Making requests and trading" }),
      transfer({ purpose: "Support" }),
      transfer({ processorId: "p-mail", destinationCountry: "jp", purpose: "Marketing, advertising and communications" }),
      transfer({ processorId: "p-mail", destinationCountry: "JP", purpose: null }),
    ];
    expect(whereDoesMyDataGo(transfers, processors, now)).toEqual([
      { countryCode: "JP", countryName: "Japan", recipients: ["Tokyo Mailer"], purposes: ["Marketing, advertising and communications"] },
      {
        countryCode: "SG",
        countryName: "Singapore",
        recipients: ["Alipay Singapore", "Lion City Cloud"],
        purposes: ["Making requests and trading", "Support"],
      },
    ]);
  });

  it("leaves out transfers that have ended or not started", () => {
    const transfers = [
      transfer({ endsAt: now }),
      transfer({ destinationCountry: "JP", startsAt: new Date("2027-01-01T00:00:00.000Z") }),
      transfer({ destinationCountry: "KR", endsAt: new Date("2026-11-24T00:00:00.001Z") }),
    ];
    expect(whereDoesMyDataGo(transfers, processors, now).map((destination) => destination.countryCode)).toEqual(["KR"]);
  });

  it("refuses a transfer whose processor was not given", () => {
    expect(() => whereDoesMyDataGo([transfer({ processorId: "p-gone" })], processors, now)).toThrow("p-gone");
  });
});
