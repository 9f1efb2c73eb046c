// The privacy desk in a real browser against the real gateway and a real OpenID provider: a privacy officer signs in
// and takes a request from the queue to completion (keyboard only), another answers a question and refuses a request
// on a legal ground (the notices reach a real SMTP server) and verifies a person's consent receipt in the browser, an
// auditor sees and exports but cannot change anything, and every page has no serious or critical axe-core violation.
// Screenshots: test-artifacts/desk-*.png.
import { readFileSync } from "node:fs";
import { type CustosClient, createClient } from "@custos/sdk/staff";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyExportedChain } from "../src/ledger-check.ts";
import { type DeskWorld, seriousViolations, snap, startDeskWorld } from "./desk-world.ts";

/** Presses Tab until `target` has the focus: the way a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  const handle = await target.elementHandle();
  for (let press = 0; press < most; press++) {
    if (await page.evaluate((element) => document.activeElement === element, handle)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe("the privacy desk", () => {
  let world: DeskWorld;
  let staff: CustosClient;
  let app: CustosClient;
  let rectification: string;
  let question: string;
  let refusable: string;
  let provisional: string;
  beforeAll(async () => {
    world = await startDeskWorld();
    const { gateway } = world;
    // The machines' side, through the SDK with keys: a data system and its app, two requests, a person's consent.
    staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    await staff.systems.create({ key: "crm", name: "CRM", dataCategories: ["identity"] });
    app = createClient({ url: gateway.graphqlUrl, token: await gateway.issueKey({ kind: "SERVICE", name: "crm", dataSystemKey: "crm" }) });
    rectification = (
      await staff.requests.submit({
        type: "RECTIFICATION",
        jurisdiction: "DE",
        contactEmail: "moved@example.com",
        details: "My city is Kazan now.",
      })
    ).request.id;
    question = (
      await staff.requests.submit({
        type: "QUESTION",
        jurisdiction: "RU",
        contactEmail: "asks@example.com",
        details: "Which cookies?",
        language: "en",
      })
    ).request.id;
    refusable = (
      await staff.requests.submit({ type: "ERASURE", jurisdiction: "DE", contactEmail: "erase-invoices@example.com", language: "en" })
    ).request.id;
    // Left open, for the auditor to find in the queue: received on a day no curated Russian calendar reaches past, so
    // its deadline is provisional. The gateway runs in this process: moving Date moves its clock (and only Date).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-12-20T09:00:00Z"), shouldAdvanceTime: true });
    try {
      provisional = (await staff.requests.submit({ type: "ACCESS", jurisdiction: "RU", contactEmail: "wants-a-copy@example.com" })).request
        .id;
    } finally {
      vi.useRealTimers();
    }
    // The transfer register's writes are staff tooling outside the SDK: the GraphQL API, as GraphiQL would send them.
    await gateway.asStaff("mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
      input: { name: "Lion City Cloud", country: "SG", purposes: ["orders_and_trading"], dataCategories: ["identity"] },
    });
    const recorded = await gateway.asStaff("mutation ($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }", {
      input: {
        processor: "Lion City Cloud",
        purpose: "orders_and_trading",
        destinationCountry: "SG",
        dataCategories: ["identity"],
        subjectJurisdictions: ["CN", "DE"],
        mechanisms: ["PIPL_STANDARD_CONTRACT", "GDPR_STANDARD_CONTRACTUAL_CLAUSES"],
        separateConsentObtained: true,
        individualNoticeGiven: true,
        startsAt: "2026-01-01T00:00:00.000Z",
      },
    });
    expect(recorded.errors).toBeUndefined();
    // Several events, with and without proof, GPC and expiry, for the browser to re-hash every kind of field.
    await staff.consent.set({
      subjectId: "cust-8",
      purpose: "marketing",
      decision: "GRANTED",
      channel: "BANNER",
      gpc: true,
      jurisdiction: "DE",
    });
    await staff.consent.set({
      subjectId: "cust-7",
      purpose: "marketing",
      decision: "GRANTED",
      channel: "BANNER",
      expiresAt: "2031-01-01T00:00:00.000Z",
      proof: { userAgent: "Mozilla/5.0 «тест» 测试", pageUrl: "https://shop.example.com/?a=1&b=ü", ipAddress: "203.0.113.7" },
    });
    await staff.consent.set({ subjectId: "cust-8", purpose: "marketing", decision: "WITHDRAWN", channel: "BANNER" });
  });
  afterAll(async () => {
    await world?.[Symbol.asyncDispose]();
  });

  it("shows the sign-in page without serious accessibility problems", async () => {
    const page = await world.browser.newPage();
    await page.goto(`${world.desk.url}/`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await expectAccessible(page);
    await snap(page, "desk-sign-in");
    await page.close();
  });

  it("lets a privacy officer take a request from the queue to completion, by keyboard, with an extension and a system's answer", async () => {
    const page = await world.signedIn("alice");
    const id = rectification.slice(0, 8);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Open requests by deadline");
    await page.getByRole("link", { name: id }).waitFor();
    await expectAccessible(page);
    await snap(page, "desk-queue");

    // Keyboard only: take the request, then open it.
    await tabTo(page, page.getByRole("button", { name: `Take request ${id}` }));
    await page.keyboard.press("Enter");
    await page
      .getByRole("row", { name: new RegExp(id) })
      .getByText("Alice Ivanova")
      .waitFor();
    await tabTo(page, page.getByRole("link", { name: id }));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Request ${id}`);

    // Identity by a document check, then the extension, typed and submitted from the keyboard.
    await tabTo(page, page.getByLabel("Provider"));
    await page.keyboard.type("IDnow");
    await page.keyboard.press("Tab");
    await page.keyboard.type("chk-4711");
    await page.keyboard.press("Enter");
    await page.getByText("DOCUMENT_CHECK, by staff:person:alice Alice Ivanova <alice@privacy.example>").waitFor();
    await tabTo(page, page.getByLabel("Reasons (sent to the person)"));
    await page.keyboard.type("Backups in three systems must be searched.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText(/^Extended to .*: Backups in three systems must be searched\.$/).waitFor();

    // The data system answers through the SDK; the desk shows its answer.
    const [task] = await app.tasks.pull();
    expect(task?.request.id).toBe(rectification);
    await app.tasks.complete({ taskId: task?.id ?? "", confirmation: "Corrected to Kazan in the CRM." });
    // Its only system done, the request completes on its own, and the person is told.
    await world.gateway.deliverMail();
    await page.reload();
    await page.getByText("Corrected to Kazan in the CRM.", { exact: false }).waitFor();
    await page.getByRole("rowheader", { name: "request.completion" }).waitFor();
    expect(await staff.requests.get(rectification)).toMatchObject({
      status: "COMPLETED",
      extensionReason: "Backups in three systems must be searched.",
      notices: expect.arrayContaining([expect.objectContaining({ template: "request.completion", status: "SENT" })]),
    });
    await expectAccessible(page);
    await snap(page, "desk-request");

    // The audit log names the person for every change they made.
    const log = await staff.audit.list({ actor: "staff:person:alice Alice Ivanova <alice@privacy.example>" });
    const changes = log.edges
      .map((edge) => edge.node.operation)
      .filter((operation) => !["privacyRequest", "privacyRequests", "staffMembers"].includes(operation));
    expect(changes.sort()).toEqual(["assignRequest", "extendRequestDeadline", "verifyRequestIdentity"]);
    await page.context().close();
  });

  it("answers a question and refuses a request on a legal ground, by keyboard; both notices reach the person by SMTP", async () => {
    const page = await world.signedIn("li");
    // A question reaches no data system: staff answer it, and the answer is the notice.
    await page.goto(`${world.desk.url}/#/requests/${question}`);
    await page.getByLabel("Legal ground (cited to the person)").waitFor();
    await expectAccessible(page);
    await snap(page, "desk-request-decisions");
    const answer = "We set only the cookies that keep you signed in and your basket; no advertising cookies.";
    await tabTo(page, page.getByLabel("Answer (sent to the person as written)"));
    await page.keyboard.type(answer);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "The answer sent to the person" }).waitFor();
    expect(await page.locator(".answer").textContent()).toBe(answer);
    expect(await staff.requests.get(question)).toMatchObject({ status: "COMPLETED", answer });

    // A refusal offers the grounds of the request's law (GDPR here) and those of every law, never another law's.
    await page.goto(`${world.desk.url}/#/requests/${refusable}`);
    const ground = page.getByLabel("Legal ground (cited to the person)");
    await ground.locator("option", { hasText: "Keeping the data is a legal obligation" }).waitFor({ state: "attached" });
    const offered = await ground.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(["", ...(await staff.requests.refusalGrounds("DE")).map((option) => option.ground)]);
    expect(offered.filter((value) => value.startsWith("RU_") || value.startsWith("CCPA_"))).toEqual([]);
    await tabTo(page, ground);
    await page.keyboard.type("Keeping");
    expect(await ground.inputValue()).toBe("GDPR_ART_17_3_B_LEGAL_OBLIGATION");
    await page.getByText("Cites GDPR Art. 17(3)(b).").waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.type("Invoices are kept for ten years under the tax code.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const refusal = page.getByRole("definition").filter({ hasText: "Keeping the data is a legal obligation" });
    await refusal.getByText("Invoices are kept for ten years under the tax code.", { exact: true }).waitFor();
    expect(await staff.requests.get(refusable)).toMatchObject({ status: "REJECTED", refusalGround: "GDPR_ART_17_3_B_LEGAL_OBLIGATION" });
    await expectAccessible(page);

    // The gateway sends both through a real SMTP server, as one configured with CUSTOS_SMTP_URL does.
    await world.deliverBySmtp();
    const received = (address: string, subject: string) =>
      world.smtp.received.filter(
        (mail) => mail.subject === subject && [mail.to].flat().some((list) => list?.value.some((entry) => entry.address === address)),
      );
    const [answered] = received("asks@example.com", "Our answer to your privacy question");
    expect(answered?.text).toContain(answer);
    const [refused] = received("erase-invoices@example.com", "We cannot carry out your privacy request");
    expect(refused?.text).toContain("we must keep the data to comply with a legal obligation (GDPR Art. 17(3)(b))");
    expect(refused?.text).toContain("Invoices are kept for ten years under the tax code.");

    // The audit log names the person for both.
    const log = await staff.audit.list({ actor: "staff:person:li Li Na <li.na@privacy.example>" });
    const changes = log.edges
      .map((edge) => edge.node.operation)
      .filter((operation) => !["privacyRequest", "privacyRequests", "staffMembers"].includes(operation));
    expect(changes.sort()).toEqual(["answerRequest", "transitionRequest"]);
    await page.context().close();
  });

  it("shows a person, the registers and operations, each page accessible, in the language chosen", async () => {
    const page = await world.signedIn("li");
    await page.goto(`${world.desk.url}/#/person/cust-7`);
    await page.getByRole("cell", { name: "GRANTED" }).first().waitFor();
    // The person's own event, its signed receipt verified in the browser against the keys the gateway publishes.
    const [own] = (await staff.consent.events("cust-7")).edges;
    await page.getByRole("button", { name: `Verify receipt of event ${own?.node.sequence}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: new RegExp(`^Event ${own?.node.sequence}: the receipt verifies here, signed with key .+, in the public log`) })
      .waitFor();
    await page.getByRole("button", { name: "Ask the gateway to verify the chain" }).click();
    await page.getByText(/^The chain of \d+ events verifies/).waitFor();
    // The browser's own re-hash of the exported chain reaches the head the gateway keeps.
    const { headHash, verifiedCount } = await staff.consent.verifyLedger();
    await page.getByRole("button", { name: "Re-hash the whole chain in this browser" }).click();
    await page.getByText(`Re-hashed here: ${verifiedCount} events, every link holds; last link ${headHash.slice(0, 16)}.`).waitFor();
    // The same check refuses an export whose decision was edited, whose event was removed, or whose link was changed.
    const { document } = await staff.consent.export(
      { from: "2000-01-01T00:00:00.000Z", to: new Date(Date.now() + 60_000).toISOString() },
      "JSON",
    );
    const events = JSON.parse(document) as Record<string, unknown>[];
    const edited = events.map((event) => (event.sequence === 2 ? { ...event, decision: "WITHDRAWN" } : event));
    const relinked = events.map((event) => (event.sequence === 3 ? { ...event, previousHash: "f".repeat(64) } : event));
    expect(await verifyExportedChain(JSON.stringify(edited))).toEqual({ ok: false, count: 1, sequence: 2, problem: "hash" });
    expect(await verifyExportedChain(JSON.stringify(events.filter((event) => event.sequence !== 2)))).toMatchObject({
      ok: false,
      problem: "gap",
    });
    expect(await verifyExportedChain(JSON.stringify(relinked))).toEqual({ ok: false, count: 2, sequence: 3, problem: "link" });
    await expectAccessible(page);
    await snap(page, "desk-person");

    await page.getByRole("link", { name: "Registers" }).click();
    await page.getByRole("heading", { name: "Transfers" }).waitFor();
    await page
      .getByText(/^Lawful under /)
      .first()
      .waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download HTML" }).click();
    expect(readFileSync(await (await download).path(), "utf8")).toMatch(/^<!doctype html>/i);
    await expectAccessible(page);
    await snap(page, "desk-registers");

    await page.getByRole("link", { name: "Operations" }).click();
    await page.getByRole("heading", { name: "Working-day calendar coverage" }).waitFor();
    await expectAccessible(page);
    await snap(page, "desk-operations");

    await page.getByLabel("Language").selectOption("ru");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Эксплуатация");
    await expectAccessible(page);
    await page.context().close();
  });

  it("lets an auditor, in Chinese from the browser, see and export but change nothing", async () => {
    const page = await world.signedIn("audrey", ["zh-CN"]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("按期限排列的未结请求");
    await page.getByText("您以审计员身份登录").waitFor();
    // The provisional deadline names the calendar it waits for: 20 December 2030 and 10 days by the provisional rule
    // (every day a working day but the statutory holidays) end on 30 December 2030.
    const row = page.getByRole("row", { name: new RegExp(provisional.slice(0, 8)) });
    await row.getByText(/^暂定：2030 年官方工作日历（.+）尚未录入 Custos$/).waitFor();
    expect(await page.getByRole("button", { name: /认领/ }).count()).toBe(0);
    await expectAccessible(page);
    await snap(page, "desk-auditor-queue");

    await page.goto(`${world.desk.url}/#/requests/${rectification}`);
    await page.getByRole("heading", { name: "时间线" }).waitFor();
    expect(await page.locator("main form, main textarea, main select").count()).toBe(0);
    await snap(page, "desk-auditor-request");

    // The page's own token cannot change anything either: the gateway refuses it, as it refuses an auditor's key.
    const answer = await page.evaluate(async (url) => {
      const { accessToken } = JSON.parse(sessionStorage.getItem("custos-desk-session") ?? "{}") as { accessToken: string };
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          query: 'mutation { createDataSystem(input: { key: "sneaky", name: "S", dataCategories: ["identity"] }) { key } }',
        }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, world.gateway.graphqlUrl);
    expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await staff.systems.list()).map((system) => system.key)).not.toContain("sneaky");

    await page.goto(`${world.desk.url}/#/operations`);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "以 CSV 导出审计日志" }).click();
    expect(readFileSync(await (await download).path(), "utf8")).toMatch(/^occurred_at,actor,operation,/);
    await page.context().close();
  });
});
