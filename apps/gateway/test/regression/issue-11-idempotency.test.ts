// Issue 11: idempotency keys matched other people's writes, and a refused request committed a withdrawal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../harness.ts";

const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id decision } }";
const COOKIES = "mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { id } }";
const WITHDRAW_ALL = "mutation ($input: WithdrawAllConsentInput!) { withdrawAllConsent(input: $input) { id decision purpose { key } } }";
const STATE = "query ($subjectId: String!) { consentState(subjectId: $subjectId) { purposes { purpose { key } status } } }";

type Event = { id: string; decision: string };
/** A storefront visitor's id, as the SDK mints them: the publishable key writes consent only for visitors. */
const visitor = (name: string) => `visitor:${name.padEnd(16, "0")}`;
const SHOP = "https://shop.test";
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe("issue 11: idempotency keys", () => {
  let gateway: TestGateway;
  let storefront: string;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
    storefront = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const record = (token: string, subjectId: string, decision: string, idempotencyKey: string) =>
    gateway.execute(
      RECORD,
      { input: { subjectId, purpose: "marketing", decision, channel: "BANNER", idempotencyKey } },
      { token, origin: token === storefront ? SHOP : undefined },
    );
  const marketingStatus = async (subjectId: string) => {
    const state = (await gateway.asStaff(STATE, { subjectId })).data?.consentState as {
      purposes: { purpose: { key: string }; status: string }[];
    };
    return state.purposes.find((row) => row.purpose.key === "marketing")?.status;
  };

  it("withdrawAllConsent(idempotencyKey: '%') no longer returns other people's events (no LIKE on the client's key)", async () => {
    await gateway.execute(
      COOKIES,
      {
        input: {
          subjectId: visitor("cust-y"),
          choices: [{ category: "analytics", decision: "GRANTED" }],
          channel: "BANNER",
          idempotencyKey: "y-banner",
        },
      },
      { token: storefront, origin: SHOP },
    );
    await record(storefront, visitor("cust-x"), "GRANTED", "x-grant");
    for (const idempotencyKey of ["%", "_", "y-banner"]) {
      await record(storefront, visitor("cust-x"), "GRANTED", `x-regrant-${idempotencyKey}`);
      const response = await gateway.execute(
        WITHDRAW_ALL,
        { input: { subjectId: visitor("cust-x"), channel: "BANNER", idempotencyKey } },
        { token: storefront, origin: SHOP },
      );
      const events = response.data?.withdrawAllConsent as (Event & { purpose: { key: string } | null })[];
      expect(
        events.map((event) => [event.decision, event.purpose?.key]),
        idempotencyKey,
      ).toEqual([["WITHDRAWN", "marketing"]]);
      expect(await marketingStatus(visitor("cust-x"))).toBe("WITHDRAWN");
    }
  });

  it("shopper X reusing cust-y's key gets X's own withdrawal recorded, not cust-y's GRANTED event back", async () => {
    const y = (await record(storefront, visitor("cust-y"), "GRANTED", "order-1001-consent")).data?.recordConsent as Event;
    const x = (await record(storefront, visitor("cust-x2"), "WITHDRAWN", "order-1001-consent")).data?.recordConsent as Event;
    expect(x.id).not.toBe(y.id);
    expect(x.decision).toBe("WITHDRAWN");
    expect(await marketingStatus(visitor("cust-x2"))).toBe("WITHDRAWN");
    expect(await marketingStatus(visitor("cust-y"))).toBe("GRANTED");
  });

  it("keys are the caller's own: another key's writer with the same key and subject records its own decision", async () => {
    const otherStaff = await gateway.issueKey({ kind: "STAFF", name: "second desk" });
    const first = (await record(gateway.staffKey, "cust-z", "GRANTED", "desk-1")).data?.recordConsent as Event;
    const second = (await record(otherStaff, "cust-z", "GRANTED", "desk-1")).data?.recordConsent as Event;
    expect(second.id).not.toBe(first.id);
  });

  it("a retry with the same key and payload returns the first event; another payload is IDEMPOTENCY_KEY_REUSED and writes nothing", async () => {
    const first = (await record(storefront, visitor("cust-w"), "GRANTED", "w-1")).data?.recordConsent as Event;
    const retry = (await record(storefront, visitor("cust-w"), "GRANTED", "w-1")).data?.recordConsent as Event;
    expect(retry.id).toBe(first.id);
    const events = await gateway.database.prisma.consentEvent.count();
    const reused = await record(storefront, visitor("cust-w"), "WITHDRAWN", "w-1");
    expect(codeOf(reused)).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await gateway.database.prisma.consentEvent.count()).toBe(events);
    expect(await marketingStatus(visitor("cust-w"))).toBe("GRANTED");
  });
});
