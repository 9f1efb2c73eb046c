// The real browser for the shop's tests: Debian's Chromium driven by playwright-core, launched once per test file, with
// a fresh context (an empty profile of its own) per visitor.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Screenshots of each step, for people to look at after a run (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

/** One Chromium for a whole test file: each visitor gets a context of its own in it. */
export async function launchBrowser(): Promise<Browser & { [Symbol.asyncDispose](): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return Object.assign(browser, { [Symbol.asyncDispose]: () => browser.close() });
}

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot as test-artifacts/<name>.png. */
  snap(name: string, options?: { fullPage?: boolean }): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface VisitorOptions extends Pick<BrowserContextOptions, "locale" | "timezoneId" | "viewport" | "isMobile" | "hasTouch"> {
  /** Sends Global Privacy Control as Firefox or Brave do. */
  gpc?: boolean;
}

/** A first visit: an empty profile (English unless `locale` says otherwise). */
export async function openVisitor(browser: Browser, { gpc = false, ...options }: VisitorOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({
    viewport: { width: 1000, height: 760 },
    locale: "en-US",
    ...options,
    extraHTTPHeaders: gpc ? { "Sec-GPC": "1" } : {},
  });
  if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  const page = await context.newPage();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    snap: async (name, { fullPage = true } = {}) => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
    },
    [Symbol.asyncDispose]: () => context.close(),
  };
}

/** The visitor id the page keeps in first-party storage. */
export async function visitorIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem("custos-consent") ?? "{}") as { subjectId: string }).subjectId);
}
