import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { describe, expect, it } from "vitest";
import { createClient } from "../client.ts";
import { failureOf } from "../test-support.ts";
import { type ConsentManagerOptions, type ConsentSnapshot, createConsentManager } from "./consent-manager.ts";

const ORIGIN = "https://shop.test";

/** First-party storage as the browser keeps it across reloads: a page's managers share it. */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

async function storefrontOptions(gateway: TestGateway, storage: ConsentManagerOptions["storage"]): Promise<ConsentManagerOptions> {
  const token = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [ORIGIN] });
  return { url: gateway.graphqlUrl, token, headers: { origin: ORIGIN }, storage, gpc: false };
}

/**
 * What privacy staff see through the SDK: the subject's current decisions by key (with the channel they came from), and
 * the ledger's events (each test's database holds this one subject's only), so a choice delivered twice would show.
 */
async function ledgerOf(gateway: TestGateway, subjectId: string) {
  const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
  const { purposes, cookieCategories } = await staff.consent.get(subjectId);
  const decided = [
    ...purposes.map((entry) => [entry.purpose.key, entry.status, entry.channel]),
    ...cookieCategories.map((entry) => [entry.category.key, entry.status, entry.channel]),
  ].filter(([, , channel]) => channel !== null);
  const { count } = await staff.consent.export({ from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }, "JSON");
  return { decided: decided.sort(), events: count };
}

/** A port nothing listens on: the gateway as seen from a shop that has gone offline. */
async function deadUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

describe("the storefront's local-first consent", () => {
  it("applies a choice at once, keeps it across a reload, delivers it once and reads the visitor's state back", async () => {
    await using gateway = await startTestGateway("pglite");
    const storage = memoryStorage();
    const options = await storefrontOptions(gateway, storage);
    const page = createConsentManager(options);
    const changes: ConsentSnapshot[] = [];
    page.onChange((snapshot) => changes.push(snapshot));
    expect(page.subjectId).toMatch(/^visitor:/);
    expect([page.allows("analytics"), page.snapshot().decided]).toEqual([false, false]);

    page.choose({ cookies: { analytics: "GRANTED", advertising: "WITHDRAWN" }, purposes: { marketing: "WITHDRAWN" } });
    // Synchronous: a tag may run in the same tick as the click.
    expect([page.allows("analytics"), page.allows("advertising"), page.allows("marketing")]).toEqual([true, false, false]);
    expect(changes.at(-1)).toMatchObject({ decided: true, pending: true });
    await page.flush();
    expect(page.snapshot()).toMatchObject({ pending: false, confirmedAt: expect.any(String) });
    page.close();

    const reloaded = createConsentManager(options);
    expect(reloaded.subjectId).toBe(page.subjectId);
    expect(reloaded.allows("analytics")).toBe(true);
    await reloaded.refresh();
    expect(reloaded.allows("strictly_necessary")).toBe(true);
    expect(reloaded.allows("functional")).toBe(false);
    await reloaded.flush();
    reloaded.close();
    expect(await ledgerOf(gateway, page.subjectId)).toEqual({
      decided: [
        ["advertising", "WITHDRAWN", "BANNER"],
        ["analytics", "GRANTED", "BANNER"],
        ["marketing", "WITHDRAWN", "BANNER"],
      ],
      events: 3,
    });
  });

  it("keeps a choice made offline through a reload and delivers it once when the gateway is back, even if an answer was lost", async () => {
    await using gateway = await startTestGateway("pglite");
    const storage = memoryStorage();
    const online = await storefrontOptions(gateway, storage);
    const offline = createConsentManager({ ...online, url: await deadUrl() });
    offline.choose({ cookies: { analytics: "GRANTED" } });
    expect(await failureOf(offline.flush())).toMatchObject({ code: "NETWORK_ERROR" });
    expect([offline.allows("analytics"), offline.snapshot().pending]).toEqual([true, true]);
    offline.close();

    // Back online, the first answer is lost on the way back (the gateway recorded it); the page is reloaded and sends again.
    let lostAnswers = 1;
    const lossy = createConsentManager({
      ...online,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (lostAnswers-- > 0) throw new TypeError("connection reset");
        return response;
      },
    });
    expect(await failureOf(lossy.flush())).toMatchObject({ code: "NETWORK_ERROR" });
    lossy.close();
    const reloaded = createConsentManager(online);
    expect(reloaded.snapshot().pending).toBe(true);
    await reloaded.flush();
    expect(reloaded.snapshot().pending).toBe(false);
    reloaded.close();
    expect(await ledgerOf(gateway, reloaded.subjectId)).toEqual({ decided: [["analytics", "GRANTED", "BANNER"]], events: 1 });
  });

  it("reports the browser's Global Privacy Control, which opts the visitor out of advertising", async () => {
    await using gateway = await startTestGateway("pglite");
    const options = await storefrontOptions(gateway, memoryStorage());
    const page = createConsentManager({ ...options, gpc: true });
    await page.flush();
    await page.refresh();
    expect(page.snapshot().gpc).toBe(true);
    expect(page.allows("advertising")).toBe(false);
    page.close();
    expect(await ledgerOf(gateway, page.subjectId)).toEqual({
      decided: [
        ["advertising", "WITHDRAWN", "GPC_SIGNAL"],
        ["marketing", "WITHDRAWN", "GPC_SIGNAL"],
      ],
      events: 2,
    });
  });

  it("sends a pending choice with keepalive when asked at page unload, so the request outlives the page", async () => {
    await using gateway = await startTestGateway("pglite");
    const options = await storefrontOptions(gateway, memoryStorage());
    const keepalive: (boolean | undefined)[] = [];
    const page = createConsentManager({
      ...options,
      fetch: (input, init) => {
        keepalive.push(init?.keepalive);
        return fetch(input, init);
      },
    });
    // The click starts a delivery; the page is hidden before it lands, and the choice goes again with keepalive. The
    // click's delivery first waits for a CMP's strings on the page, so the keepalive one may reach fetch first.
    page.choose({ cookies: { functional: "GRANTED" } });
    await page.flush({ keepalive: true });
    await page.flush();
    page.close();
    expect(keepalive.toSorted()).toEqual([false, true]);
    expect(page.snapshot().pending).toBe(false);
    expect(await ledgerOf(gateway, page.subjectId)).toEqual({ decided: [["functional", "GRANTED", "BANNER"]], events: 1 });
  });
});
