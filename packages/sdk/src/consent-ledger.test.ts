import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";

describe.each(TEST_ENGINES)("the consent ledger through the client on %s", (engine) => {
  it("covers cookies, GPC, withdrawal, receipts, unsubscribe links, policy versions and the ledger's checks", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    const anonymous = createClient({ url: gateway.graphqlUrl });

    const categories = await anonymous.cookies.catalogue();
    expect(categories.map((category) => category.key)).toEqual(["strictly_necessary", "functional", "analytics", "advertising"]);
    expect(categories.flatMap((category) => category.vendors).every((vendor) => vendor.cookies.length > 0)).toBe(true);
    expect((await anonymous.policy.current("ru")).map((policy) => [policy.kind, policy.version])).toEqual([
      ["PRIVACY", "2024"],
      ["COOKIE", "2024"],
    ]);

    const grant = await staff.consent.set({
      subjectId: "sdk-1",
      purpose: "marketing",
      decision: "GRANTED",
      channel: "BANNER",
      idempotencyKey: "k1",
    });
    expect(
      await staff.consent.set({ subjectId: "sdk-1", purpose: "marketing", decision: "GRANTED", channel: "BANNER", idempotencyKey: "k1" }),
    ).toEqual(grant);
    const cookieEvents = await staff.cookies.set({
      subjectId: "sdk-1",
      channel: "BANNER",
      choices: [{ category: "analytics", decision: "GRANTED" }],
    });
    expect(cookieEvents.map((event) => [event.cookieCategory?.key, event.policyVersion?.kind])).toEqual([["analytics", "COOKIE"]]);

    const gpc = await staff.consent.reportGpc({ subjectId: "sdk-2", gpc: true });
    expect(gpc.map((outcome) => [outcome.key, outcome.reason, outcome.event?.channel])).toEqual([
      ["marketing", "GPC_OPT_OUT", "GPC_SIGNAL"],
      ["advertising", "GPC_OPT_OUT", "GPC_SIGNAL"],
    ]);

    const shopper = createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession("sdk-1") });
    const receipt = await shopper.consent.receipt("sdk-1", grant.id);
    expect(receipt["dpv:hasRecordOfActivity"]["dct:identifier"]).toBe(grant.id);
    expect(receipt["dpv:hasRecordOfActivity"]["dpv:hasConsentStatus"][0]?.["@type"]).toEqual(["dpv:ConsentGiven", "dpv:ExpressedConsent"]);

    const token = await staff.consent.createUnsubscribeToken("sdk-1");
    expect(await anonymous.consent.unsubscribe(token)).toMatchObject({ recorded: true, purpose: { key: "marketing" } });
    expect(await failureOf(anonymous.consent.unsubscribe(`${token}x`))).toMatchObject({ code: "INVALID_UNSUBSCRIBE_TOKEN" });

    const withdrawn = await shopper.consent.withdrawAll({ subjectId: "sdk-1", channel: "PREFERENCE_CENTRE" });
    expect(withdrawn.map((event) => event.cookieCategory?.key ?? event.purpose?.key)).toEqual(["analytics"]);
    const state = await shopper.consent.get("sdk-1");
    expect(state.restricted).toBe(false);
    expect(state.purposes.every((purpose) => !purpose.processingAllowed)).toBe(true);

    const published = await staff.policy.publish({
      kind: "COOKIE",
      version: "2026",
      language: "ru",
      effectiveAt: new Date(Date.now() - 1000).toISOString(),
      material: true,
    });
    expect(published).toMatchObject({ noticesQueued: 0, policyVersion: { kind: "COOKIE", version: "2026", material: true } });

    expect(await staff.consent.verifyLedger()).toMatchObject({ ok: true, verifiedCount: 6, firstBreak: null });
    const exported = await staff.consent.export({ from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }, "JSON");
    expect(exported.count).toBe(6);
    expect(await failureOf(shopper.consent.verifyLedger())).toMatchObject({ code: "FORBIDDEN" });
  });
});
