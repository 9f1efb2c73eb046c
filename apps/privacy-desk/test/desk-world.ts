// One world per test file: the desk built and served, a real OpenID provider with the demo's people, the real gateway
// configured for both, a real SMTP server its notices can go to, and Debian's Chromium driven by playwright-core.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { type OpenIdProvider, startOpenIdProvider } from "@custos/testing/openid-provider";
import { type ParsedMail, simpleParser } from "mailparser";
import { type Browser, chromium, type Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { build } from "vite";
// The gateway's own delivery of one outbox batch, through the transport main.ts builds from CUSTOS_SMTP_URL.
import { dispatchOutbox } from "../../gateway/src/cross-tenant/outbox-dispatch.ts";
import { smtpTransport } from "../../gateway/src/outbox/smtp-transport.ts";
import { DEMO_AUDIENCE, DESK_CLIENT_ID, demoPeople } from "../server/demo-people.ts";
import { type DeskServer, startDeskServer } from "../server/desk-server.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Screenshots of each page, for people to look at after a run (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
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

/** A real SMTP server on loopback that keeps every message it accepts, parsed as a mail client reads it. */
export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  close(): Promise<void>;
}

async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface DeskWorld {
  gateway: TestGateway;
  provider: OpenIdProvider;
  desk: DeskServer;
  browser: Browser;
  smtp: SmtpSink;
  /** Sends the pending notices once through the SMTP sink, as a gateway with CUSTOS_SMTP_URL set would. */
  deliverBySmtp(): Promise<void>;
  /** A fresh browser context (its own storage and languages), signed in as `login` through the provider's pages. */
  signedIn(login: string, languages?: string[]): Promise<Page>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startDeskWorld(): Promise<DeskWorld> {
  await build({ root: ROOT, logLevel: "warn" });
  const desk = await startDeskServer();
  const provider = await startOpenIdProvider({
    people: demoPeople("default"),
    audience: DEMO_AUDIENCE,
    clients: [{ clientId: DESK_CLIENT_ID, redirectUris: [`${desk.url}/`] }],
  });
  const gateway = await startTestGateway("pglite", undefined, undefined, {
    openId: { issuer: provider.issuer, audience: DEMO_AUDIENCE, jwksUrl: provider.jwksUrl, rolesClaim: "custos_roles" },
    deskOrigins: [desk.url],
  });
  desk.configure({ gatewayUrl: gateway.graphqlUrl, issuer: provider.issuer, clientId: DESK_CLIENT_ID });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
  const smtp = await startSmtpSink();
  const mail = smtpTransport(smtp.url, "privacy@shop.example", { publicUrl: gateway.baseUrl });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    gateway,
    provider,
    desk,
    browser,
    smtp,
    async deliverBySmtp() {
      const { failed, retrying } = await dispatchOutbox(gateway.database.prisma, mail);
      if (failed + retrying > 0) throw new Error(`the SMTP sink refused ${failed + retrying} notices`);
    },
    async signedIn(login, languages = ["en-GB"]) {
      const context = await browser.newContext({ locale: languages[0], viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${desk.url}/`);
      await page.getByRole("button", { name: /sign in|войти|登录/i }).click();
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill("demo");
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${desk.url}/#/**`);
      await page.locator("nav").waitFor();
      return page;
    },
    async [Symbol.asyncDispose]() {
      await browser.close();
      await smtp.close();
      await gateway[Symbol.asyncDispose]();
      await provider.close();
      await desk.close();
    },
  };
}

/** Saves a screenshot as test-artifacts/<name>.png. */
export async function snap(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A and AA). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  });
  return (results.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.flatMap((node) => node.target) }));
}
