import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openVisitor, visitorIdOf } from "./browser.ts";
import { decisionsOf, ledgerSize, startShop } from "./shop.ts";

const OPTIONAL = ["advertising", "analytics", "functional"];

describe("the demo shop in Chromium against the real gateway", () => {
  let gateway: TestGateway;
  let shop: Awaited<ReturnType<typeof startShop>>;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
    shop = await startShop(gateway);
  });
  afterAll(async () => {
    await shop?.[Symbol.asyncDispose]();
    await gateway?.[Symbol.asyncDispose]();
  });

  it("shows the banner without moving the page, and rejecting all is recorded in the ledger", async () => {
    await using visitor = await openVisitor();
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
    await using visitor = await openVisitor();
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
    await using visitor = await openVisitor();
    const { page } = visitor;
    await page.goto(`${shop.url}/account.html?lang=en`);
    await page.getByRole("button", { name: "Accept all" }).click();
    await page.getByLabel("Customer id (demo sign-in)").fill("cust-77");
    await page.getByRole("button", { name: "Sign in" }).click();
    const centre = page.getByRole("region", { name: "My consents" });
    await centre.waitFor();
    await centre.getByRole("checkbox", { name: /Marketing, advertising and communications/ }).check();
    await centre.getByRole("button", { name: "Save my choice" }).click();
    await centre.getByText("Choice saved").waitFor();
    await visitor.snap("05-preference-centre-granted");
    expect(await decisionsOf(gateway, "cust-77")).toContainEqual(["marketing", "GRANTED", "PREFERENCE_CENTRE"]);

    await centre.getByRole("button", { name: "Withdraw all consents" }).click();
    await expect
      .poll(async () => (await decisionsOf(gateway, "cust-77")).filter(([key]) => key === "marketing" || key === "analytics"))
      .toEqual([
        ["analytics", "WITHDRAWN", "PREFERENCE_CENTRE"],
        ["marketing", "WITHDRAWN", "PREFERENCE_CENTRE"],
      ]);
    expect(await centre.getByRole("checkbox", { name: /Marketing/ }).isChecked()).toBe(false);
    await visitor.snap("06-preference-centre-withdrawn");
  });

  it("records the opt-out of a browser that sends Global Privacy Control", async () => {
    await using visitor = await openVisitor({ gpc: true });
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
    await using visitor = await openVisitor();
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
});

describe("the demo shop while the gateway is down", () => {
  it("keeps the choice made during the outage, through a reload, and delivers it once when the gateway is back", async () => {
    await using gateway = await startTestGateway("pglite");
    await using shop = await startShop(gateway);
    await using visitor = await openVisitor();
    const { page } = visitor;
    await page.goto(`${shop.url}/?lang=en`);
    await page.getByRole("region", { name: "We use cookies" }).waitFor();
    const visitorId = await visitorIdOf(page);
    // The catalogue is loaded (the banner's buttons need it) before the gateway goes away.
    await page.getByRole("button", { name: "Choose" }).click();
    await page.getByRole("button", { name: "Close" }).click();

    await gateway.stopServer();
    await page.getByRole("button", { name: "Accept all" }).click();
    await page.waitForFunction(() => document.body.dataset.analytics === "running");
    expect(await page.evaluate(() => document.body.dataset.consentPending)).toBe("true");
    await page.reload();
    // Allowed from first-party storage with no gateway to ask.
    await page.waitForFunction(() => document.body.dataset.analytics === "running");
    expect(await page.evaluate(() => document.body.dataset.consentPending)).toBe("true");
    await visitor.snap("10-offline-choice-pending");

    await gateway.startServer();
    await page.waitForFunction(() => document.body.dataset.consentPending === "false", undefined, { timeout: 60_000 });
    expect(await decisionsOf(gateway, visitorId)).toEqual(OPTIONAL.map((key) => [key, "GRANTED", "BANNER"]));
    expect(await ledgerSize(gateway)).toBe(OPTIONAL.length);
    await visitor.snap("11-delivered-after-outage");
  });
});
