import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../../test/clock.ts";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { ACCEPT_ALL_TC, gppString } from "../../../test/samples/iab-strings.ts";

const RECORD = `mutation ($input: RecordConsentInput!) {
  recordConsent(input: $input) { id decision channel gpc expiresAt sequence hash policyVersion { version } }
}`;
const STATE = `query ($subjectId: String!) {
  consentState(subjectId: $subjectId) {
    restricted
    purposes { purpose { key } status processingAllowed channel validUntil }
    cookieCategories { category { key required } status processingAllowed channel }
  }
}`;
const GPC = `mutation ($input: ReportGpcInput!) {
  reportGpc(input: $input) { kind key recorded reason event { channel decision gpc } }
}`;
const WITHDRAW_ALL = `mutation ($input: WithdrawAllConsentInput!) {
  withdrawAllConsent(input: $input) { decision channel purpose { key } cookieCategory { key } }
}`;
const COOKIES = `mutation ($input: RecordCookieConsentInput!) {
  recordCookieConsent(input: $input) { id decision cookieCategory { key } policyVersion { kind } }
}`;

interface PurposeRow {
  purpose: { key: string };
  status: string;
  processingAllowed: boolean;
  channel: string | null;
}

function must<T>(response: { data?: Record<string, unknown> | null; errors?: unknown[] }, field: string): T {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data?.[field] as T;
}

describe.each(TEST_ENGINES)("consent decisions on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(restoreClock);

  const grant = (subjectId: string, extra: Record<string, unknown> = {}) =>
    gateway.asStaff(RECORD, { input: { subjectId, purpose: "marketing", decision: "GRANTED", channel: "BANNER", ...extra } });
  const marketing = async (subjectId: string) => {
    const state = must<{ purposes: PurposeRow[] }>(await gateway.asStaff(STATE, { subjectId }), "consentState");
    return state.purposes.find((row) => row.purpose.key === "marketing");
  };

  it("records a decision from every explicit channel, each with the privacy policy version shown", async () => {
    for (const channel of ["BANNER", "PREFERENCE_CENTRE", "SUPPORT_AGENT", "API", "UNSUBSCRIBE_LINK"]) {
      const event = must<{ channel: string; policyVersion: { version: string } }>(
        await grant("channels", { channel, decision: channel === "UNSUBSCRIBE_LINK" ? "WITHDRAWN" : "GRANTED" }),
        "recordConsent",
      );
      expect(event).toMatchObject({ channel, policyVersion: { version: "2024" } });
    }
    const refused = await grant("channels", { channel: "GPC_SIGNAL" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_CONSENT_INPUT");
  });

  it("records a retried write once, whether the retry comes later or at the same time", async () => {
    const first = must<{ id: string }>(await grant("retry", { idempotencyKey: "order-77-optin" }), "recordConsent");
    const retries = await Promise.all([1, 2, 3].map(() => grant("retry", { idempotencyKey: "order-77-optin" })));
    expect(retries.map((response) => must<{ id: string }>(response, "recordConsent").id)).toEqual([first.id, first.id, first.id]);
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => grant("retry-race", { idempotencyKey: "race-key" })));
    expect(new Set(concurrent.map((response) => must<{ id: string }>(response, "recordConsent").id)).size).toBe(1);
    const { prisma } = gateway.database;
    expect(await prisma.consentEvent.count({ where: { subject: { externalId: { in: ["retry", "retry-race"] } } } })).toBe(2);
  });

  it("withdraws everything in one call, and a repeat records nothing", async () => {
    await grant("withdraw-all");
    await grant("withdraw-all", { purpose: "feature_testing" });
    await gateway.asStaff(COOKIES, {
      input: { subjectId: "withdraw-all", channel: "BANNER", choices: [{ category: "analytics", decision: "GRANTED" }] },
    });
    const input = { subjectId: "withdraw-all", channel: "PREFERENCE_CENTRE" };
    const withdrawn = must<{ decision: string; purpose: { key: string } | null; cookieCategory: { key: string } | null }[]>(
      await gateway.asStaff(WITHDRAW_ALL, { input }),
      "withdrawAllConsent",
    );
    expect(withdrawn.map((event) => event.purpose?.key ?? `cookie:${event.cookieCategory?.key}`).sort()).toEqual([
      "cookie:analytics",
      "feature_testing",
      "marketing",
    ]);
    expect(withdrawn.every((event) => event.decision === "WITHDRAWN")).toBe(true);
    expect(must<unknown[]>(await gateway.asStaff(WITHDRAW_ALL, { input }), "withdrawAllConsent")).toEqual([]);
    const state = must<{ purposes: PurposeRow[]; cookieCategories: PurposeRow[] }>(
      await gateway.asStaff(STATE, { subjectId: "withdraw-all" }),
      "consentState",
    );
    expect(state.purposes.map((row) => [row.status, row.processingAllowed])).toEqual([
      ["WITHDRAWN", false],
      ["WITHDRAWN", false],
    ]);
  });

  it("reports a grant as EXPIRED once its expiry has passed", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const event = must<{ expiresAt: string }>(await grant("expiring", { expiresAt }), "recordConsent");
    expect(event.expiresAt).toBe(expiresAt);
    expect(await marketing("expiring")).toMatchObject({ status: "GRANTED", processingAllowed: true });
    moveClockTo(new Date(Date.parse(expiresAt) + 1000));
    expect(await marketing("expiring")).toMatchObject({ status: "EXPIRED", processingAllowed: false });
    const past = await grant("expiring", { expiresAt: "2020-01-01T00:00:00Z" });
    expect(past.errors?.[0]?.extensions?.code).toBe("INVALID_CONSENT_INPUT");
  });

  it("reports restriction of processing: nothing consent-based is allowed while restricted", async () => {
    await grant("restricted");
    // The person asked for restriction by phone; staff recorded it, checked their identity and, with no data system
    // to ask, answered it.
    const submitted = must<{ request: { id: string } }>(
      await gateway.asStaff("mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }", {
        input: { type: "RESTRICTION", jurisdiction: "DE", subjectId: "restricted", contactEmail: "restricted@example.com" },
      }),
      "submitRequest",
    );
    const checked = await gateway.asStaff(
      'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-restricted") { status } }',
      { id: submitted.request.id },
    );
    expect(checked.data?.verifyRequestIdentity).toEqual({ status: "IN_PROGRESS" });
    const completed = await gateway.asStaff("mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status } }", {
      input: { id: submitted.request.id, to: "COMPLETED", reason: "processing stopped by hand; the shop keeps no records of its own" },
    });
    expect(completed.errors).toBeUndefined();
    expect(completed.data?.transitionRequest).toEqual({ status: "COMPLETED" });
    const state = must<{
      restricted: boolean;
      purposes: PurposeRow[];
      cookieCategories: { category: { key: string }; processingAllowed: boolean }[];
    }>(await gateway.asStaff(STATE, { subjectId: "restricted" }), "consentState");
    expect(state.restricted).toBe(true);
    expect(state.purposes.find((row) => row.purpose.key === "marketing")).toMatchObject({ status: "GRANTED", processingAllowed: false });
    expect(state.cookieCategories.find((row) => row.category.key === "strictly_necessary")?.processingAllowed).toBe(true);
  });

  it("applies GPC: opts out over an earlier opt-in, lets a later explicit opt-in stand, and ignores an absent signal", async () => {
    await grant("gpc-shopper");
    const proof = { userAgent: "Mozilla/5.0 (GPC)", ipAddress: "203.0.113.77", pageUrl: "https://shop.test/" };
    const optOut = must<{ kind: string; key: string; recorded: boolean; reason: string }[]>(
      await gateway.asStaff(GPC, {
        input: { subjectId: "gpc-shopper", gpc: true, proof, gppString: gppString({ tcfeuv2: { CmpId: 300 } }) },
      }),
      "reportGpc",
    );
    expect(optOut).toEqual([
      expect.objectContaining({ kind: "PURPOSE", key: "marketing", recorded: true, reason: "GPC_OVERRIDES_EARLIER_OPT_IN" }),
      expect.objectContaining({ kind: "COOKIE_CATEGORY", key: "advertising", recorded: true, reason: "GPC_OPT_OUT" }),
    ]);
    expect(await marketing("gpc-shopper")).toMatchObject({ status: "WITHDRAWN", channel: "GPC_SIGNAL" });
    const gpcEvent = await gateway.database.prisma.consentEvent.findFirstOrThrow({
      where: { channel: "GPC_SIGNAL", purposeId: { not: null } },
    });
    expect(gpcEvent).toMatchObject({ gpc: true, gppString: expect.stringMatching(/^DBABMA/), userAgent: "Mozilla/5.0 (GPC)" });
    expect(gpcEvent.ipHash).toMatch(/^[0-9a-f]{32}$/);

    const repeat = must<{ reason: string }[]>(await gateway.asStaff(GPC, { input: { subjectId: "gpc-shopper", gpc: true } }), "reportGpc");
    expect(repeat.map((outcome) => outcome.reason)).toEqual(["ALREADY_OPTED_OUT", "ALREADY_OPTED_OUT"]);

    must(await grant("gpc-shopper", { gpc: true, channel: "PREFERENCE_CENTRE" }), "recordConsent");
    const afterOptIn = must<{ reason: string; recorded: boolean }[]>(
      await gateway.asStaff(GPC, { input: { subjectId: "gpc-shopper", gpc: true } }),
      "reportGpc",
    );
    expect(afterOptIn[0]).toMatchObject({ recorded: false, reason: "EXPLICIT_OPT_IN_WHILE_GPC_ON" });
    expect(await marketing("gpc-shopper")).toMatchObject({ status: "GRANTED", channel: "PREFERENCE_CENTRE" });

    const absent = must<{ reason: string }[]>(await gateway.asStaff(GPC, { input: { subjectId: "no-gpc", gpc: false } }), "reportGpc");
    expect(absent.map((outcome) => outcome.reason)).toEqual(["NO_SIGNAL", "NO_SIGNAL"]);
    expect(await gateway.database.prisma.dataSubject.count({ where: { externalId: "no-gpc" } })).toBe(0);
  });

  it("serves the cookie catalogue with its vendors to anyone and records the banner's choice per category", async () => {
    const catalogue = await gateway.execute(
      "{ cookieCategories { key required vendors { name country purposes cookies { name retention } } } }",
    );
    const categories = must<{ key: string; required: boolean; vendors: { name: string; country: string; cookies: unknown[] }[] }[]>(
      catalogue,
      "cookieCategories",
    );
    expect(categories.map((category) => [category.key, category.required])).toEqual([
      ["strictly_necessary", true],
      ["functional", false],
      ["analytics", false],
      ["advertising", false],
    ]);
    expect(categories.find((category) => category.key === "advertising")?.vendors).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "Meta Platforms Ireland Ltd. (Meta Pixel)", country: "IE" })]),
    );
    const events = must<{ decision: string; cookieCategory: { key: string }; policyVersion: { kind: string } }[]>(
      await gateway.asStaff(COOKIES, {
        input: {
          subjectId: "cookie-visitor",
          channel: "BANNER",
          tcString: ACCEPT_ALL_TC(),
          choices: [
            { category: "analytics", decision: "GRANTED" },
            { category: "advertising", decision: "WITHDRAWN" },
          ],
        },
      }),
      "recordCookieConsent",
    );
    expect(events.map((event) => [event.cookieCategory.key, event.decision, event.policyVersion.kind])).toEqual([
      ["analytics", "GRANTED", "COOKIE"],
      ["advertising", "WITHDRAWN", "COOKIE"],
    ]);
    const state = must<{ cookieCategories: { category: { key: string }; status: string; processingAllowed: boolean }[] }>(
      await gateway.asStaff(STATE, { subjectId: "cookie-visitor" }),
      "consentState",
    );
    expect(state.cookieCategories.map((row) => [row.category.key, row.status, row.processingAllowed])).toEqual([
      ["strictly_necessary", "NOT_ASKED", true],
      ["functional", "NOT_ASKED", false],
      ["analytics", "GRANTED", true],
      ["advertising", "WITHDRAWN", false],
    ]);
    const necessary = await gateway.asStaff(COOKIES, {
      input: { subjectId: "cookie-visitor", channel: "BANNER", choices: [{ category: "strictly_necessary", decision: "WITHDRAWN" }] },
    });
    expect(necessary.errors?.[0]?.extensions?.code).toBe("CONSENT_NOT_APPLICABLE");
  });

  it("withdraws marketing through an unsubscribe link without signing in, once", async () => {
    await grant("newsletter-reader");
    await gateway.asStaff('mutation { createDataSystem(input: { key: "mailer", name: "Mailer" }) { key } }');
    const serviceKey = await gateway.issueKey({ kind: "SERVICE", name: "mailer", dataSystemKey: "mailer" });
    const minted = await gateway.execute('mutation { createUnsubscribeToken(subjectId: "newsletter-reader") }', {}, { token: serviceKey });
    const unsubscribeToken = must<string>(minted, "createUnsubscribeToken");
    const UNSUBSCRIBE = "mutation ($token: String!) { unsubscribe(token: $token) { purpose { key } recorded } }";
    expect(must(await gateway.execute(UNSUBSCRIBE, { token: unsubscribeToken }), "unsubscribe")).toEqual({
      purpose: { key: "marketing" },
      recorded: true,
    });
    expect(await marketing("newsletter-reader")).toMatchObject({
      status: "WITHDRAWN",
      channel: "UNSUBSCRIBE_LINK",
      processingAllowed: false,
    });
    expect(must(await gateway.execute(UNSUBSCRIBE, { token: unsubscribeToken }), "unsubscribe")).toMatchObject({ recorded: false });
    const forged = `${unsubscribeToken.slice(0, -4)}AAAA`;
    expect((await gateway.execute(UNSUBSCRIBE, { token: forged })).errors?.[0]?.extensions?.code).toBe("INVALID_UNSUBSCRIBE_TOKEN");
  });
});

describe.each(TEST_ENGINES)("a material policy change on %s", (engine) => {
  it("e-mails affected people through the outbox, asks again for consent given under the old text, and a new grant renews it", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    await gateway.asStaff(RECORD, { input: { subjectId: "reader-1", purpose: "marketing", decision: "GRANTED", channel: "BANNER" } });
    await gateway.asStaff(RECORD, { input: { subjectId: "reader-2", purpose: "feature_testing", decision: "GRANTED", channel: "API" } });
    // The account system registers its customers' verified addresses, as a company wires it: P16's e-mails go there.
    await gateway.asStaff('mutation { createDataSystem(input: { key: "accounts", name: "Accounts", accountSystem: true }) { key } }');
    const accounts = await gateway.issueKey({ kind: "SERVICE", name: "accounts", dataSystemKey: "accounts" });
    for (const reader of ["reader-1", "reader-2"]) {
      const registered = await gateway.execute(
        "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }",
        { input: { subjectId: reader, email: `${reader}@example.com` } },
        { token: accounts },
      );
      expect(registered.data?.registerSubjectContact).toEqual({ email: `${reader}@example.com` });
    }

    const PUBLISH = `mutation ($input: PublishPolicyVersionInput!) {
      publishPolicyVersion(input: $input) { policyVersion { id version material } noticesQueued consentsNeedingRenewal }
    }`;
    const minor = must<{ noticesQueued: number }>(
      await gateway.asStaff(PUBLISH, {
        input: {
          kind: "PRIVACY",
          version: "2025.1",
          language: "ru",
          effectiveAt: new Date(Date.now() - 60_000).toISOString(),
          material: false,
        },
      }),
      "publishPolicyVersion",
    );
    expect(minor.noticesQueued).toBe(0);
    const STATE_OF = `query ($subjectId: String!) { consentState(subjectId: $subjectId) { purposes { purpose { key } status processingAllowed } } }`;
    const statusOf = async (subjectId: string, key: string) =>
      must<{ purposes: PurposeRow[] }>(await gateway.asStaff(STATE_OF, { subjectId }), "consentState").purposes.find(
        (row) => row.purpose.key === key,
      );
    expect(await statusOf("reader-1", "marketing")).toMatchObject({ status: "GRANTED" });

    const material = must<{ policyVersion: { version: string }; noticesQueued: number; consentsNeedingRenewal: number }>(
      await gateway.asStaff(PUBLISH, {
        input: {
          kind: "PRIVACY",
          version: "2026",
          language: "ru",
          url: "https://shop.test/privacy/2026",
          effectiveAt: new Date(Date.now() - 1000).toISOString(),
          material: true,
        },
      }),
      "publishPolicyVersion",
    );
    expect(material).toMatchObject({ noticesQueued: 2, consentsNeedingRenewal: 2 });
    expect(await statusOf("reader-1", "marketing")).toMatchObject({ status: "NEEDS_RENEWAL", processingAllowed: false });
    expect(await statusOf("reader-2", "feature_testing")).toMatchObject({ status: "NEEDS_RENEWAL" });

    expect(await prisma.outboxMessage.count({ where: { template: "policy.material_change", status: "PENDING" } })).toBe(2);
    expect(await gateway.deliverMail()).toMatchObject({ sent: 2 });
    expect(gateway.mail.sent.map((message) => message.recipient).sort()).toEqual(["reader-1@example.com", "reader-2@example.com"]);
    expect(await prisma.outboxMessage.count({ where: { template: "policy.material_change", status: "SENT" } })).toBe(2);

    const renewed = must<{ policyVersion: { version: string } }>(
      await gateway.asStaff(RECORD, {
        input: { subjectId: "reader-1", purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" },
      }),
      "recordConsent",
    );
    expect(renewed.policyVersion.version).toBe("2026");
    expect(await statusOf("reader-1", "marketing")).toMatchObject({ status: "GRANTED", processingAllowed: true });

    const current = await gateway.execute('{ currentPolicies(language: "ru") { kind version material } }');
    expect(current.data?.currentPolicies).toEqual([
      { kind: "PRIVACY", version: "2026", material: true },
      { kind: "COOKIE", version: "2024", material: false },
    ]);
    const again = await gateway.asStaff(PUBLISH, {
      input: { kind: "PRIVACY", version: "2026", language: "ru", effectiveAt: new Date().toISOString(), material: false },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe("POLICY_VERSION_EXISTS");
  });
});
