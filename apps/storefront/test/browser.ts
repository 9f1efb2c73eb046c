// The real browser for the shop's tests: Debian's Chromium driven by playwright-core, a fresh profile per visitor.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

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

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot as test-artifacts/<name>.png. */
  snap(name: string): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A first visit: a browser with an empty profile; `gpc` makes it send Global Privacy Control as Firefox or Brave do. */
export async function openVisitor({ gpc = false } = {}): Promise<Visitor> {
  const profile = mkdtempSync(join(tmpdir(), "custos-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1000, height: 760 },
    extraHTTPHeaders: gpc ? { "Sec-GPC": "1" } : {},
  });
  if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    snap: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    [Symbol.asyncDispose]: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The visitor id the page keeps in first-party storage. */
export async function visitorIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem("custos-consent") ?? "{}") as { subjectId: string }).subjectId);
}
