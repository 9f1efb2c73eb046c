import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";

describe.each(TEST_ENGINES)("the transfer and processor registers through the client on %s", (engine) => {
  it("tells the storefront where data goes, and a partner only what names it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const { tenantId } = gateway;
    const orders = await prisma.purpose.findFirstOrThrow({ where: { tenantId, key: "orders_and_trading" } });
    for (const [name, country] of [
      ["Lion City Cloud", "SG"],
      ["Tokyo Mailer", "JP"],
    ] as const) {
      const processor = await prisma.processor.create({ data: { tenantId, name, country } });
      await prisma.transferRecord.create({
        data: {
          tenantId,
          processorId: processor.id,
          purposeId: name === "Lion City Cloud" ? orders.id : null,
          destinationCountry: country,
          mechanisms: ["PIPL_STANDARD_CONTRACT"],
          subjectJurisdictions: ["CN"],
          separateConsentObtained: true,
          individualNoticeGiven: true,
          startsAt: new Date("2025-01-01T00:00:00.000Z"),
        },
      });
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
