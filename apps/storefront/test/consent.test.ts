// Issue 29: the consent manager never loses a "no", and tells Google's tags what they may do. Measured in Chromium
// against the demo shop and a real gateway: one browser and one gateway for the whole file.
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { createClient } from "@custos/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPT_ALL_TC, gppString, REJECT_ALL_TC } from "../../gateway/test/samples/iab-strings.ts";
import { launchBrowser, openVisitor, visitorIdOf } from "./browser.ts";
import { decisionsOf, startShop } from "./shop.ts";

const OPTIONAL = ["advertising", "analytics", "functional"];
const withdrawnAll = (channel = "BANNER") => OPTIONAL.map((key) => [key, "WITHDRAWN", channel]);

/**
 * The ledger's events recorded since `from`, with the proof kept beside each, as staff export them (the export names
 * subjects by the ledger's own ids: tests run one at a time, so a test's window holds its own visitor's events only).
 */
async function eventsSince(gateway: TestGateway, from: Date) {
  const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
  const { document } = await staff.consent.export({ from: from.toISOString(), to: "2100-01-01T00:00:00Z" }, "JSON");
  return JSON.parse(document) as Record<string, unknown>[];
}

/** The gtag commands in the page's real `window.dataLayer`, as arrays. */
function dataLayerOf(page: Page): Promise<unknown[][]> {
  return page.evaluate(() => ((window as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? []).map((entry) => Array.from(entry)));
}
const consentUpdates = async (page: Page) =>
  (await dataLayerOf(page)).filter(([command, kind]) => command === "consent" && kind === "update").map(([, , state]) => state);

const GRANTED_ALL = { ad_storage: "granted", analytics_storage: "granted", ad_user_data: "granted", ad_personalization: "granted" };
const DENIED_ALL = { ad_storage: "denied", analytics_storage: "denied", ad_user_data: "denied", ad_personalization: "denied" };

describe("the consent manager in Chromium against the real gateway", () => {
  let gateway: TestGateway;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: Browser & AsyncDisposable;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startTestGateway("pglite"), launchBrowser()]);
    shop = await startShop(gateway);
  });
  afterAll(async () => {
    await browser?.[Symbol.asyncDispose]();
    await shop?.[Symbol.asyncDispose]();
    await gateway?.[Symbol.asyncDispose]();
  });

  it("sets Consent Mode's defaults before the Google tag loads and updates the real dataLayer on every choice", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en`);
    await page.waitForFunction(() => document.documentElement.dataset.googleTag === "loaded");
    const defaults = [
      ["consent", "default", { ...DENIED_ALL, wait_for_update: 500 }],
      ["set", "ads_data_redaction", true],
      ["set", "url_passthrough", false],
    ];
    // What the tag found when it loaded: denied, before any choice.
    expect(await page.evaluate(() => (window as { googleTagSawOnLoad?: unknown }).googleTagSawOnLoad)).toEqual(defaults);
    expect(await dataLayerOf(page)).toEqual(defaults);

    await page.getByRole("button", { name: "Accept all" }).click();
    expect(await consentUpdates(page)).toEqual([GRANTED_ALL]);

    await page.getByRole("button", { name: "Cookie settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Cookie settings" });
    await dialog.getByRole("checkbox", { name: /Advertising/ }).uncheck();
    await dialog.getByRole("button", { name: "Save my choice" }).click();
    expect(await consentUpdates(page)).toEqual([GRANTED_ALL, { ...DENIED_ALL, analytics_storage: "granted" }]);

    await page.getByRole("button", { name: "Cookie settings" }).click();
    await dialog.getByRole("button", { name: "Reject all" }).click();
    expect((await consentUpdates(page)).at(-1)).toEqual(DENIED_ALL);

    // A returning visitor: the default, then at once the stored choice, before the tag loads.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.googleTag === "loaded");
    expect(await page.evaluate(() => (window as { googleTagSawOnLoad?: unknown }).googleTagSawOnLoad)).toEqual([
      ...defaults,
      ["consent", "update", DENIED_ALL],
    ]);
  });

  it("says no offline from the first click on a page loaded online, and delivers it once back online", async () => {
    const started = new Date();
    await using visitor = await openVisitor(browser, { locale: "ru-RU" });
    const { page, context } = visitor;
    await page.goto(`${shop.url}/`);
    const banner = page.getByRole("region", { name: "Мы используем файлы cookie" });
    await banner.waitFor();
    const visitorId = await visitorIdOf(page);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await context.setOffline(true);
    await page.getByRole("button", { name: "Настроить" }).click();
    const dialog = page.getByRole("dialog", { name: "Настройки файлов cookie" });
    await dialog.getByText("Аналитические").first().waitFor();
    await dialog.getByRole("button", { name: "Закрыть" }).click();
    await page.getByRole("button", { name: "Отклонить все" }).click();
    await banner.waitFor({ state: "detached" });
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem("custos-consent") ?? "{}").pending?.cookies)).toEqual(
      Object.fromEntries(OPTIONAL.map((key) => [key, "WITHDRAWN"])),
    );
    await visitor.snap("consent-01-offline-reject");

    await context.setOffline(false);
    await page.waitForFunction(() => document.body.dataset.consentPending === "false");
    expect(await decisionsOf(gateway, visitorId)).toEqual(withdrawnAll());
    expect(await eventsSince(gateway, started)).toHaveLength(OPTIONAL.length);
    expect(errors).toEqual([]);
  });

  it("keeps a 'no' followed at once by a link over a slow gateway, and records it once", async () => {
    const started = new Date();
    await using visitor = await openVisitor(browser);
    const { page, context } = visitor;
    // 400 ms of latency on every gateway call, as measured in the issue.
    await context.route(`${gateway.graphqlUrl}**`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue().catch(() => {});
    });
    await page.goto(`${shop.url}/?lang=en`);
    await page.getByRole("region", { name: "We use cookies" }).waitFor();
    const visitorId = await visitorIdOf(page);
    await page.getByRole("button", { name: "Reject all" }).click();
    await page.getByRole("link", { name: "Privacy" }).click();
    await page.waitForURL(`${shop.url}/privacy.html`);
    await page.waitForFunction(() => document.body.dataset.formsReady === "true");
    expect(await page.getByRole("region", { name: "We use cookies" }).count()).toBe(0);
    await expect.poll(() => decisionsOf(gateway, visitorId)).toEqual(withdrawnAll());
    await page.waitForFunction(() => document.body.dataset.consentPending === "false");
    expect(await eventsSince(gateway, started)).toHaveLength(OPTIONAL.length);
  });

  it("sends proof with each event: the browser, the page without its query, the jurisdiction", async () => {
    const started = new Date();
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en&campaign=nina@example.com`);
    await page.getByRole("button", { name: "Accept all" }).click();
    await page.waitForFunction(() => document.body.dataset.consentPending === "false");
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const events = await eventsSince(gateway, started);
    expect(events.map(({ userAgent, pageUrl, jurisdiction }) => ({ userAgent, pageUrl, jurisdiction }))).toEqual(
      OPTIONAL.map(() => ({ userAgent, pageUrl: `${shop.url}/`, jurisdiction: "RU" })),
    );
  });

  it("applies another tab's 'no' in this tab at once: its tags denied, its grants gone", async () => {
    await using visitor = await openVisitor(browser);
    const { context, page: tabA } = visitor;
    await tabA.goto(`${shop.url}/?lang=en`);
    await tabA.getByRole("button", { name: "Accept all" }).click();
    await tabA.waitForFunction(() => document.body.dataset.analytics === "running");

    const tabB = await context.newPage();
    await tabB.goto(`${shop.url}/privacy.html`);
    await tabB.getByRole("button", { name: "Cookie settings" }).click();
    await tabB.getByRole("dialog", { name: "Cookie settings" }).getByRole("button", { name: "Reject all" }).click();

    await expect.poll(async () => (await consentUpdates(tabA)).at(-1)).toEqual(DENIED_ALL);
    const visitorId = await visitorIdOf(tabA);
    await expect.poll(() => decisionsOf(gateway, visitorId)).toEqual(withdrawnAll());
    await tabB.close();
  });

  it("runs a tag added after load once its category is allowed, on this load and the next", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    const addLateTag = () =>
      page.evaluate(() => {
        const tag = document.createElement("script");
        tag.type = "text/plain";
        tag.dataset.custosCategory = "analytics";
        tag.text = "window.lateTagRuns = (window.lateTagRuns || 0) + 1;";
        document.body.append(tag);
      });
    const lateRuns = () => page.evaluate(() => (window as { lateTagRuns?: number }).lateTagRuns ?? 0);
    await page.goto(`${shop.url}/?lang=en`);
    await addLateTag();
    await page.getByRole("button", { name: "Accept all" }).click();
    await expect.poll(lateRuns).toBe(1);
    await addLateTag();
    await expect.poll(lateRuns).toBe(2);

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.analytics === "running");
    await addLateTag();
    await expect.poll(lateRuns).toBe(1);
  });

  it("removes the cookies the catalogue lists for a category withdrawn, and leaves the others", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en`);
    await page.getByRole("button", { name: "Accept all" }).click();
    const set = { _ga: "GA1.1.1", _ga_ABC123: "GS1.1", _fbp: "fb.1.1", cart: "3" };
    await visitor.context.addCookies(Object.entries(set).map(([name, value]) => ({ name, value, url: shop.url })));
    await page.getByRole("button", { name: "Cookie settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Cookie settings" });
    await dialog.getByRole("checkbox", { name: /Analytics/ }).uncheck();
    await dialog.getByRole("button", { name: "Save my choice" }).click();
    expect(await page.evaluate(() => document.cookie.split("; ").sort())).toEqual(["_fbp=fb.1.1", "cart=3"]);
    await page.getByRole("button", { name: "Cookie settings" }).click();
    await dialog.getByRole("button", { name: "Reject all" }).click();
    expect(await page.evaluate(() => document.cookie)).toBe("cart=3");
  });

  it("lets a first-time visitor say no while the gateway is down, and delivers it once when it is back", async () => {
    const started = new Date();
    await gateway.stopServer();
    try {
      await using visitor = await openVisitor(browser, { locale: "ru-RU" });
      const { page } = visitor;
      await page.goto(`${shop.url}/`);
      const banner = page.getByRole("region", { name: "Мы используем файлы cookie" });
      await banner.waitFor();
      await page.getByRole("button", { name: "Отклонить все" }).click();
      await banner.waitFor({ state: "detached" });
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.consentPending === "true");
      expect(await page.getByRole("region", { name: "Мы используем файлы cookie" }).count()).toBe(0);
      await visitor.snap("consent-02-outage-first-visit");
      const visitorId = await visitorIdOf(page);

      await gateway.startServer();
      await page.waitForFunction(() => document.body.dataset.consentPending === "false", undefined, { timeout: 60_000 });
      expect(await decisionsOf(gateway, visitorId)).toEqual(withdrawnAll());
      expect(await eventsSince(gateway, started)).toHaveLength(OPTIONAL.length);
    } finally {
      await gateway.startServer();
    }
  });

  it("sends the TC and GPP strings of a CMP on the page with the choice, and the choice without them if refused", async () => {
    const gpp = gppString({ usnat: { SaleOptOutNotice: 1, SaleOptOut: 2 } });
    for (const [tcString, expected] of [
      [ACCEPT_ALL_TC(), "sent"],
      // The CMP says no to advertising while the banner says yes: the gateway refuses the strings, the choice still counts.
      [REJECT_ALL_TC(), "dropped"],
    ] as const) {
      const started = new Date();
      await using visitor = await openVisitor(browser);
      // A TCF and a GPP CMP on the page, answering through their standard APIs.
      await visitor.context.addInitScript(
        ([tc, gp]) => {
          Object.assign(window, {
            __tcfapi: (command: string, _version: number, callback: (data: unknown, ok: boolean) => void) =>
              command === "getTCData" && callback({ tcString: tc }, true),
            __gpp: (command: string, callback: (data: unknown, ok: boolean) => void) =>
              command === "ping" && callback({ gppString: gp }, true),
          });
        },
        [tcString, gpp] as const,
      );
      const { page } = visitor;
      await page.goto(`${shop.url}/?lang=en`);
      await page.getByRole("button", { name: "Accept all" }).click();
      await page.waitForFunction(() => document.body.dataset.consentPending === "false");
      const events = await eventsSince(gateway, started);
      expect(events.map(({ decision }) => decision)).toEqual(OPTIONAL.map(() => "GRANTED"));
      expect(events.map((event) => [event.tcString, event.gppString])).toEqual(
        OPTIONAL.map(() => (expected === "sent" ? [tcString, gpp] : [null, null])),
      );
    }
  });
});
