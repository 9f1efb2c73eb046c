import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";

describe.each(TEST_ENGINES)("the transfer and processor registers through the client on %s", (engine) => {
  it("tells the storefront where data goes, and a partner only what names it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    // Set up as privacy staff would, through the gateway: the SDK has no register-writing methods.
    for (const [name, country] of [
      ["Lion City Cloud", "SG"],
      ["Tokyo Mailer", "JP"],
    ] as const) {
      const processor = await gateway.asStaff("mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
        input: { name, country, contactEmail: "dpo@example.test", purposes: ["orders_and_trading"], dataCategories: ["identity"] },
      });
      expect(processor.errors).toBeUndefined();
      const transfer = await gateway.asStaff("mutation ($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }", {
        input: {
          processor: name,
          purpose: name === "Lion City Cloud" ? "orders_and_trading" : null,
          destinationCountry: country,
          dataCategories: ["identity"],
          subjectJurisdictions: ["CN"],
          mechanisms: ["PIPL_STANDARD_CONTRACT"],
          separateConsentObtained: true,
          individualNoticeGiven: true,
          startsAt: "2025-01-01T00:00:00.000Z",
        },
      });
      expect(transfer.errors).toBeUndefined();
    }

    const storefront = createClient({ url: gateway.graphqlUrl });
    expect(await storefront.transfers.whereDoesMyDataGo()).toEqual([
      { countryCode: "JP", countryName: "Japan", recipients: ["Tokyo Mailer"], purposes: [] },
      { countryCode: "SG", countryName: "Singapore", recipients: ["Lion City Cloud"], purposes: ["Making requests and trading"] },
    ]);
    expect((await failureOf(storefront.transfers.list())).code).toBe("UNAUTHENTICATED");

    const partner = createClient({
      url: gateway.graphqlUrl,
      token: await gateway.issueKey({ kind: "PARTNER", name: "tokyo", processorName: "Tokyo Mailer" }),
    });
    expect((await partner.processors.list()).map((processor) => processor.name)).toEqual(["Tokyo Mailer"]);
    expect((await partner.transfers.list()).map((transfer) => [transfer.processor.name, transfer.destinationCountry])).toEqual([
      ["Tokyo Mailer", "JP"],
    ]);
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    expect((await staff.transfers.list()).map((transfer) => transfer.mechanisms)).toEqual([
      ["PIPL_STANDARD_CONTRACT"],
      ["PIPL_STANDARD_CONTRACT"],
    ]);
  });
});
