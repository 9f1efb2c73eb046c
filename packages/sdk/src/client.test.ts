import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";
import type { RecordConsentInput } from "./types.ts";
import { createVisitorId } from "./visitor-id.ts";

/** As privacy staff, who may read and record consent for anyone. */
function clientFor(gateway: TestGateway) {
  return createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
}

describe.each(TEST_ENGINES)("the client against the real gateway on %s", (engine) => {
  it("lists the seven purposes with their legal bases", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const purposes = await clientFor(gateway).catalogue.purposes();
    expect(purposes.map(({ key, legalBasis, requiresConsent }) => [key, legalBasis, requiresConsent])).toEqual([
      ["orders_and_trading", "CONTRACT", false],
      ["risk_and_fraud_prevention", "LEGITIMATE_INTEREST", false],
      ["support", "CONTRACT", false],
      ["products_and_services", "LEGITIMATE_INTEREST", false],
      ["reporting_and_analytics", "LEGITIMATE_INTEREST", false],
      ["feature_testing", "CONSENT", true],
      ["marketing", "CONSENT", true],
    ]);
    expect(purposes.find(({ key }) => key === "marketing")?.dataCategories.map(({ key }) => key)).toEqual([
      "identity",
      "marketing_preferences",
      "usage",
    ]);
  });

  it("records a grant, then a withdrawal, and get follows the latest decision", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const client = clientFor(gateway);

    const granted = await client.consent.set({
      subjectId: "cust-42",
      purpose: "marketing",
      decision: "GRANTED",
      channel: "BANNER",
      jurisdiction: "ru",
    });
    expect(granted).toMatchObject({
      subjectId: "cust-42",
      decision: "GRANTED",
      channel: "BANNER",
      jurisdiction: "RU",
      purpose: { key: "marketing" },
    });
    expect(await client.consent.get("cust-42")).toEqual({
      subjectId: "cust-42",
      restricted: false,
      purposes: [
        {
          purpose: { key: "feature_testing", name: expect.any(String), legalBasis: "CONSENT" },
          status: "NOT_ASKED",
          processingAllowed: false,
          channel: null,
          decidedAt: null,
          validUntil: null,
          eventId: null,
        },
        {
          purpose: { key: "marketing", name: expect.any(String), legalBasis: "CONSENT" },
          status: "GRANTED",
          processingAllowed: true,
          channel: "BANNER",
          decidedAt: granted.occurredAt,
          validUntil: null,
          // The event behind the decision: what its receipt is asked for by.
          eventId: granted.id,
        },
      ],
      cookieCategories: expect.arrayContaining([expect.objectContaining({ category: expect.objectContaining({ key: "analytics" }) })]),
    });

    const withdrawn = await client.consent.set({
      subjectId: "cust-42",
      purpose: "marketing",
      decision: "WITHDRAWN",
      channel: "UNSUBSCRIBE_LINK",
    });
    const { purposes } = await client.consent.get("cust-42");
    expect(purposes.find(({ purpose }) => purpose.key === "marketing")).toMatchObject({
      status: "WITHDRAWN",
      channel: "UNSUBSCRIBE_LINK",
      decidedAt: withdrawn.occurredAt,
    });
  });

  const marketingGrant: RecordConsentInput = { subjectId: "cust-42", purpose: "marketing", decision: "GRANTED", channel: "API" };
  it.each([
    ["INVALID_SUBJECT_ID", { ...marketingGrant, subjectId: "ivan@example.com" }],
    ["INVALID_JURISDICTION", { ...marketingGrant, jurisdiction: "Russia" }],
    ["UNKNOWN_PURPOSE", { ...marketingGrant, purpose: "no_such_purpose" }],
    ["CONSENT_NOT_APPLICABLE", { ...marketingGrant, purpose: "support" }],
  ])("refuses a decision with %s and records nothing", async (code, input) => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const error = await failureOf(clientFor(gateway).consent.set(input));
    expect(error).toMatchObject({ code, status: 200, errors: [{ extensions: { code } }] });
    expect(await gateway.database.prisma.consentEvent.count()).toBe(0);
    expect(await gateway.database.prisma.dataSubject.count()).toBe(0);
  });

  it("refuses to read the consent of an invalid subject id", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const error = await failureOf(clientFor(gateway).consent.get("a b"));
    expect(error.code).toBe("INVALID_SUBJECT_ID");
  });

  it("reports a gateway that has gone away as NETWORK_ERROR", async () => {
    const gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    await gateway[Symbol.asyncDispose]();
    const error = await failureOf(clientFor(gateway).catalogue.purposes());
    expect(error).toMatchObject({ code: "NETWORK_ERROR", status: undefined, errors: [] });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("speaks for whoever its token names: a storefront for its visitors only, a shopper for themselves, and no token reads nothing", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const publishable = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: ["https://shop.test"] });
    const storefront = createClient({ url: gateway.graphqlUrl, token: publishable, headers: { origin: "https://shop.test" } });
    const visitorId = createVisitorId();
    expect(visitorId).toMatch(/^visitor:[A-Za-z0-9_-]{22}$/);
    await storefront.consent.set({ subjectId: visitorId, purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
    await storefront.cookies.set({ subjectId: visitorId, channel: "BANNER", choices: [{ category: "analytics", decision: "GRANTED" }] });
    // The storefront reads back its visitor's choices to render the banner, but never writes or reads a customer's.
    const banner = await storefront.consent.get(visitorId);
    expect(banner.purposes.find(({ purpose }) => purpose.key === "marketing")?.status).toBe("GRANTED");
    const customerWrite = storefront.consent.set({ subjectId: "cust-7", purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
    expect(await failureOf(customerWrite)).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(storefront.consent.get("cust-7"))).toMatchObject({ code: "FORBIDDEN" });
    // The key ships in the page; without an Origin the call is not from the storefront's page, so it is refused.
    const scripted = createClient({ url: gateway.graphqlUrl, token: publishable });
    const noOrigin = scripted.consent.set({ subjectId: visitorId, purpose: "marketing", decision: "WITHDRAWN", channel: "BANNER" });
    expect(await failureOf(noOrigin)).toMatchObject({ code: "FORBIDDEN", status: 403 });

    // The visitor signs in as cust-7: their choices become the customer's, each linked to the visitor's event.
    const shopper = createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession("cust-7") });
    const carried = await shopper.consent.adoptVisitor(visitorId);
    expect(carried.map(({ subjectId, decision }) => [subjectId, decision])).toEqual([
      ["cust-7", "GRANTED"],
      ["cust-7", "GRANTED"],
    ]);
    expect(await shopper.consent.adoptVisitor(visitorId)).toEqual([]);
    const { purposes, cookieCategories } = await shopper.consent.get("cust-7");
    expect(purposes.find(({ purpose }) => purpose.key === "marketing")?.status).toBe("GRANTED");
    expect(cookieCategories.find(({ category }) => category.key === "analytics")?.status).toBe("GRANTED");
    expect(await failureOf(shopper.consent.get("cust-8"))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(shopper.consent.adoptVisitor(visitorId, "cust-8"))).toMatchObject({ code: "FORBIDDEN" });
    const ledger = await gateway.database.prisma.consentEvent.findMany({
      where: { subject: { externalId: "cust-7" } },
      select: { id: true, channel: true },
    });
    const links = await gateway.database.prisma.idempotentWrite.findMany({
      where: { subject: { externalId: "cust-7" }, key: { startsWith: "carried:" } },
    });
    expect(ledger.every(({ channel }) => channel === "BANNER")).toBe(true);
    expect(links.flatMap((link) => link.eventIds).sort()).toEqual(ledger.map((event) => event.id).sort());
    expect(await gateway.database.prisma.auditLogEntry.count({ where: { operation: "adoptVisitorConsent" } })).toBe(2);

    const anonymous = createClient({ url: gateway.graphqlUrl });
    expect(await failureOf(anonymous.consent.get("cust-7"))).toMatchObject({ code: "UNAUTHENTICATED", status: 200 });
    expect(await failureOf(createClient({ url: gateway.graphqlUrl, token: "cus_stf_000000000000_x" }).catalogue.purposes())).toMatchObject({
      code: "UNAUTHENTICATED",
      status: 401,
    });
  });
});
