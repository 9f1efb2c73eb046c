import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { type PublishedKeys, type SignedReceipt, verifyReceipt } from "@custos/sdk/verify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, openVisitor, visitorIdOf } from "./browser.ts";
import { decisionsOf, ledgerSize, startShop } from "./shop.ts";

const OPTIONAL = ["advertising", "analytics", "functional"];

describe("the demo shop in Chromium against the real gateway", () => {
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

  it("shows the banner without moving the page, and rejecting all is recorded in the ledger", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en`);
    const banner = page.getByRole("region", { name: "We use cookies" });
    await banner.waitFor();
    await visitor.snap("01-banner");
    // Fixed to the viewport: it covers, it does not push the page's content.
    expect(await banner.evaluate((element) => getComputedStyle(element).position)).toBe("fixed");
    const [accept, reject] = await Promise.all([
      page.getByRole("button", { name: "Accept all" }).boundingBox(),
      page.getByRole("button", { name: "Reject all" }).boundingBox(),
    ]);
    // Rejecting is exactly as easy: the same size (to the pixel) and style as accepting, side by side.
    expect([Math.round(reject?.width ?? 0), reject?.height, reject?.y]).toEqual([
      Math.round(accept?.width ?? 0),
      accept?.height,
      accept?.y,
    ]);
    const style = (name: string) =>
      page
        .getByRole("button", { name })
        .evaluate((element) => [getComputedStyle(element).backgroundColor, getComputedStyle(element).fontWeight]);
    expect(await style("Reject all")).toEqual(await style("Accept all"));

    await page.getByRole("button", { name: "Reject all" }).click();
    await banner.waitFor({ state: "detached" });
    const visitorId = await visitorIdOf(page);
    await expect.poll(() => decisionsOf(gateway, visitorId)).toEqual(OPTIONAL.map((key) => [key, "WITHDRAWN", "BANNER"]));
    expect(await page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBeUndefined();
    await visitor.snap("02-rejected-all");
  });

  it("allows one category in the preferences dialog by keyboard, and its blocked script runs without a reload", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=ru`);
    await page.getByRole("button", { name: "Настроить" }).click();
    const dialog = page.getByRole("dialog", { name: "Настройки файлов cookie" });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByText("Аналитические").count()).toBeGreaterThan(0);
    // Focus stays in the dialog however far Tab goes.
    for (let step = 0; step < 15; step++) await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await dialog.getByRole("checkbox", { name: /Аналитические/ }).focus();
    await page.keyboard.press("Space");
    await visitor.snap("03-preferences-analytics");
    await page.evaluate(() => {
      (window as { sameDocument?: boolean }).sameDocument = true;
    });
    await dialog.getByRole("button", { name: "Сохранить выбор" }).click();

    await page.waitForFunction(() => document.body.dataset.analytics === "running");
    expect(
      await page.evaluate(() => [
        (window as { sameDocument?: boolean }).sameDocument,
        (window as { analyticsRuns?: number }).analyticsRuns,
      ]),
    ).toEqual([true, 1]);
    const visitorId = await visitorIdOf(page);
    await expect
      .poll(() => decisionsOf(gateway, visitorId))
      .toEqual([
        ["advertising", "WITHDRAWN", "BANNER"],
        ["analytics", "GRANTED", "BANNER"],
        ["functional", "WITHDRAWN", "BANNER"],
      ]);
    await visitor.snap("04-analytics-script-ran");
  });

  it("lets a signed-in shopper grant and then withdraw in the preference centre", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/account.html?lang=en`);
    await page.getByRole("button", { name: "Accept all" }).click();
    await page.waitForFunction(() => document.body.dataset.consentPending === "false");
    await page.getByLabel("Customer id (demo sign-in)").fill("cust-77");
    await page.getByRole("button", { name: "Sign in" }).click();
    const centre = page.getByRole("region", { name: "My consents" });
    await centre.waitFor();
    await centre.getByRole("checkbox", { name: /Marketing, advertising and communications/ }).check();
    const beforeSave = await ledgerSize(gateway);
    await centre.getByRole("button", { name: "Save my choice" }).click();
    await centre.getByText("Choice saved").waitFor();
    await visitor.snap("05-preference-centre-granted");
    expect(await decisionsOf(gateway, "cust-77")).toContainEqual(["marketing", "GRANTED", "PREFERENCE_CENTRE"]);
    // Regression (issue 29): a save wrote 5 events, the untouched grants again and feature_testing WITHDRAWN.
    expect((await ledgerSize(gateway)) - beforeSave).toBe(1);

    const beforeWithdrawal = await ledgerSize(gateway);
    await centre.getByRole("button", { name: "Withdraw all consents" }).click();
    await expect
      .poll(async () => (await decisionsOf(gateway, "cust-77")).filter(([key]) => key === "marketing" || key === "analytics"))
      .toEqual([
        ["analytics", "WITHDRAWN", "PREFERENCE_CENTRE"],
        ["marketing", "WITHDRAWN", "PREFERENCE_CENTRE"],
      ]);
    expect(await centre.getByRole("checkbox", { name: /Marketing/ }).isChecked()).toBe(false);
    // Only what was granted is withdrawn: the three cookie categories and marketing, nothing never granted.
    await expect.poll(async () => (await ledgerSize(gateway)) - beforeWithdrawal).toBe(4);
    expect((await decisionsOf(gateway, "cust-77")).map(([key]) => key)).not.toContain("feature_testing");
    await visitor.snap("06-preference-centre-withdrawn");
  });

  it("lets a visitor download a choice's signed receipt from the preference centre, and it verifies offline", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/privacy.html?lang=en`);
    await page.getByRole("button", { name: "Accept all" }).click();
    await page.waitForFunction(() => document.body.dataset.consentPending === "false");
    const centre = page.getByRole("region", { name: "My consents" });
    // The banner's choice, recorded: its receipt is offered; a purpose never decided offers none.
    await centre.getByRole("button", { name: "Download receipt: Analytics" }).waitFor();
    expect(await centre.getByRole("button", { name: /Download receipt: Marketing/ }).count()).toBe(0);
    await centre.getByRole("checkbox", { name: /Marketing, advertising and communications/ }).check();
    await centre.getByRole("button", { name: "Save my choice" }).click();
    await centre.getByText("Choice saved").waitFor();
    const control = centre.getByRole("button", { name: "Download receipt: Marketing, advertising and communications" });
    await control.waitFor();
    await visitor.snap("10-preference-centre-receipt");

    const [download] = await Promise.all([page.waitForEvent("download"), control.click()]);
    const saved = join(ARTIFACTS, "receipt-download.json");
    await download.saveAs(saved);
    const receipt = JSON.parse(await readFile(saved, "utf8")) as SignedReceipt;
    expect(download.suggestedFilename()).toMatch(/^consent-receipt-marketing-[0-9a-f-]{36}\.json$/);
    // Offline, with nothing but the controller's published keys: the visitor's grant of marketing, in the public log.
    const keys = (await (await fetch(`${gateway.baseUrl}/.well-known/custos/default/keys`)).json()) as PublishedKeys;
    const visitorId = await visitorIdOf(page);
    expect(await verifyReceipt(receipt, keys)).toMatchObject({ valid: true, decision: "GRANTED", target: "marketing" });
    const record = receipt.receipt["dpv:hasRecordOfActivity"] as Record<string, Record<string, unknown>>;
    expect(record["dpv:hasDataSubject"]?.["dct:identifier"]).toBe(visitorId);
    expect(await decisionsOf(gateway, visitorId)).toContainEqual(["marketing", "GRANTED", "PREFERENCE_CENTRE"]);
  });

  it("records the opt-out of a browser that sends Global Privacy Control", async () => {
    await using visitor = await openVisitor(browser, { gpc: true });
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en`);
    await page.getByRole("region", { name: "We use cookies" }).waitFor();
    const visitorId = await visitorIdOf(page);
    await expect
      .poll(() => decisionsOf(gateway, visitorId))
      .toEqual([
        ["advertising", "WITHDRAWN", "GPC_SIGNAL"],
        ["marketing", "WITHDRAWN", "GPC_SIGNAL"],
      ]);
    // Regression: the signal answers for advertising only; read back after a reload, the banner still asks the rest.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.consentReadBack === "true");
    expect(await page.getByRole("region", { name: "We use cookies" }).isVisible()).toBe(true);
    await visitor.snap("07-gpc-opt-out");
  });

  it("takes a privacy request, verified with the code the outbox sent, and shows the policy and where data goes", async () => {
    await using visitor = await openVisitor(browser);
    const { page } = visitor;
    await page.goto(`${shop.url}/privacy.html?lang=en`);
    await page.getByRole("button", { name: "Reject all" }).click();
    await expect.poll(() => page.locator("[data-controller]").textContent()).toMatch(/privacy@/);
    expect(await page.locator("[data-destinations]").textContent()).toBe("No personal data is sent abroad.");
    await page.getByLabel("Request").selectOption("ACCESS");
    await page.getByLabel("E-mail", { exact: true }).fill("nina@example.com");
    await page.getByLabel("Where you live").selectOption("DE");
    await page.getByRole("button", { name: "Send request" }).click();
    const status = page.locator("[data-request-status]");
    await expect.poll(() => status.getAttribute("data-status")).toBe("AWAITING_VERIFICATION");
    await visitor.snap("08-request-submitted");

    await gateway.deliverMail();
    const notice = gateway.mail.sent
      .filter((mail) => mail.recipient === "nina@example.com" && mail.template === "request.verification-code")
      .at(-1);
    const code = String((notice?.payload as { code?: unknown } | undefined)?.code);
    await page.getByLabel("Code from the e-mail").fill(code);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => status.getAttribute("data-status")).not.toBe("AWAITING_VERIFICATION");
    const verified = await status.getAttribute("data-status");
    await page.goto(`${shop.url}${await page.locator("[data-status-link]").getAttribute("href")}`);
    await expect.poll(() => page.locator("[data-request-status]").getAttribute("data-status")).toBe(verified);
    await visitor.snap("09-request-verified-status");
  });

  it("is a shop page in Russian, English or Chinese by the browser's language, with no raw state, fit for a phone", async () => {
    await using desktop = await openVisitor(browser, { locale: "ru-RU" });
    await desktop.page.goto(`${shop.url}/`);
    await desktop.page.getByRole("region", { name: "Мы используем файлы cookie" }).waitFor();
    expect(await desktop.page.getByRole("heading", { level: 1 }).textContent()).toBe("Светодиодные панели и светильники");
    expect(await desktop.page.locator("main").textContent()).not.toMatch(/[{}]|WITHDRAWN|GRANTED/);
    await desktop.snap("shop-desktop-ru", { fullPage: false });

    await using phone = await openVisitor(browser, {
      locale: "ru-RU",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.page.goto(`${shop.url}/`);
    const banner = phone.page.getByRole("region", { name: "Мы используем файлы cookie" });
    await banner.waitFor();
    for (const name of ["Принять все", "Отклонить все", "Настроить"]) {
      const box = await phone.page.getByRole("button", { name }).boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390, name).toBe(true);
    }
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.snap("shop-phone-ru", { fullPage: false });

    await using english = await openVisitor(browser, { locale: "en-GB" });
    await english.page.goto(`${shop.url}/`);
    await english.page.getByRole("region", { name: "We use cookies" }).waitFor();
    expect(await english.page.getByRole("heading", { level: 1 }).textContent()).toBe("LED panels and fittings");

    await using chinese = await openVisitor(browser, { locale: "zh-CN" });
    await chinese.page.goto(`${shop.url}/`);
    await chinese.page.getByRole("region", { name: "我们使用 Cookie" }).waitFor();
    expect(await chinese.page.getByRole("heading", { level: 1 }).textContent()).toBe("LED 面板灯和灯具");
    await chinese.snap("shop-desktop-zh", { fullPage: false });
  });

  it("cannot send the request form before its script is ready, so the address never lands in the URL", async () => {
    await using visitor = await openVisitor(browser);
    const { page, context } = visitor;
    let release = () => {};
    const ready = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The page's scripts held back, as on a slow connection: the form is there, its handler is not.
    await context.route(`${shop.url}/assets/*.js`, async (route) => {
      await ready;
      await route.continue();
    });
    // Not "domcontentloaded": that waits for the module scripts held back.
    await page.goto(`${shop.url}/privacy.html?lang=en`, { waitUntil: "commit" });
    const email = page.getByRole("textbox", { name: "Эл. почта" });
    await email.fill("early@example.com");
    await email.press("Enter");
    const send = page.getByRole("button", { name: "Отправить запрос" });
    await send.click({ force: true });
    expect(page.url()).toBe(`${shop.url}/privacy.html?lang=en`);
    expect(await send.isDisabled()).toBe(true);

    release();
    await page.waitForFunction(() => document.body.dataset.formsReady === "true");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => page.locator("[data-request-status]").getAttribute("data-status")).toBe("AWAITING_VERIFICATION");
    expect(page.url()).not.toContain("example.com");
  });

  it("shows a Californian's deadline as the day in California, in the person's language", async () => {
    await using visitor = await openVisitor(browser, { timezoneId: "America/Los_Angeles", locale: "ru-RU" });
    const { page } = visitor;
    await page.goto(`${shop.url}/privacy.html`);
    await page.getByRole("button", { name: "Отклонить все" }).click();
    await page.waitForFunction(() => document.body.dataset.formsReady === "true");
    await page.getByRole("textbox", { name: "Эл. почта" }).fill("carla@example.com");
    await page.getByLabel("Где вы живёте").selectOption("US-CA");
    await page.getByRole("button", { name: "Отправить запрос" }).click();
    const status = page.locator("[data-request-status]");
    await expect.poll(() => status.getAttribute("data-status")).toBe("AWAITING_VERIFICATION");
    const dueAt = new Date(String(await status.getAttribute("data-due-at")));
    const inZone = (timeZone: string) =>
      new Intl.DateTimeFormat("ru", { day: "numeric", month: "long", year: "numeric", timeZone }).format(dueAt);
    // The deadline ends a day in California, which is already the next day in UTC: the test tells the two apart.
    expect(inZone("America/Los_Angeles")).not.toBe(inZone("UTC"));
    expect(await status.textContent()).toBe(`ждёт подтверждения эл. почты, ответ до ${inZone("America/Los_Angeles")}`);
    await visitor.snap("shop-request-california-ru");
  });
});
