// Who may fetch a signed receipt, over HTTP as a shop's page and a shopper's session call: the storefront's key for its
// visitor (the visitor id is the bearer value, as for consentState), a shopper for themselves, and no one for another.
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { type Credentials, dataOf, startTestGateway } from "../../../test/harness.ts";

const SHOP = "https://shop.test";
const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
const STATE = "query ($subjectId: String!) { consentState(subjectId: $subjectId) { purposes { purpose { key } eventId } } }";
const SIGNED = "query ($subjectId: String!, $eventId: ID!) { signedConsentReceipt(subjectId: $subjectId, eventId: $eventId) }";

describe.each(TEST_ENGINES)("a signed receipt fetched by the person it is about on %s", (engine) => {
  it("the storefront key gets its visitor's own, never another visitor's nor a customer's", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const storefront: Credentials = {
      token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] }),
      origin: SHOP,
    };
    const grant = async (subjectId: string, credentials: Credentials) =>
      dataOf<{ id: string }>(
        await gateway.execute(
          RECORD,
          { input: { subjectId, purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" } },
          credentials,
        ),
        "recordConsent",
      ).id;
    const visitor = "visitor:aaaaaaaaaaaaaaaaaaaaaa";
    const otherVisitor = "visitor:bbbbbbbbbbbbbbbbbbbbbb";
    const visitorEvent = await grant(visitor, storefront);
    const otherVisitorEvent = await grant(otherVisitor, storefront);
    const customerSession = { token: await gateway.shopperSession("cust-own") };
    const customerEvent = await grant("cust-own", customerSession);

    // Where the visitor reads their state, the id of the event behind the decision: what the receipt is asked for by.
    const state = dataOf<{ purposes: { purpose: { key: string }; eventId: string | null }[] }>(
      await gateway.execute(STATE, { subjectId: visitor }, storefront),
      "consentState",
    );
    expect(state.purposes.find((entry) => entry.purpose.key === "marketing")?.eventId).toBe(visitorEvent);

    const receipt = (subjectId: string, eventId: string, credentials: Credentials) =>
      gateway.execute(SIGNED, { subjectId, eventId }, credentials);
    const own = JSON.parse(dataOf<string>(await receipt(visitor, visitorEvent, storefront), "signedConsentReceipt"));
    expect(own.format).toBe("custos-signed-receipt/1");
    expect(own.receipt["dpv:hasRecordOfActivity"]["dpv:hasDataSubject"]["dct:identifier"]).toBe(visitor);

    // Another visitor's event asked for as this visitor's: not this visitor's, so not found, and nothing of it shown.
    const stolen = await receipt(visitor, otherVisitorEvent, storefront);
    expect([stolen.data?.signedConsentReceipt, stolen.errors?.[0]?.extensions?.code]).toEqual([undefined, "NOT_FOUND"]);
    expect(JSON.stringify(stolen)).not.toContain(otherVisitor);
    // A customer's, by the key every page ships: refused whatever the event.
    const customers = await receipt("cust-own", customerEvent, storefront);
    expect(customers.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // The customer through their own session gets theirs, another customer's session does not.
    expect(JSON.parse(dataOf<string>(await receipt("cust-own", customerEvent, customerSession), "signedConsentReceipt")).format).toBe(
      "custos-signed-receipt/1",
    );
    const otherSession = { token: await gateway.shopperSession("cust-other") };
    expect((await receipt("cust-own", customerEvent, otherSession)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
