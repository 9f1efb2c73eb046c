import { readFileSync } from "node:fs";
import { TEST_ENGINES } from "@custos/db/testing";
import { buildSchema, isInputObjectType } from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../../test/harness.ts";
import { silentLogger } from "../ground/logger.ts";
import { CODE_MAX_ATTEMPTS } from "./intake/verification-code.ts";

const DAY_MS = 86_400_000;
/** The README's promises: a code lives 15 minutes, an export link 7 days. */
const CODE_LIFETIME_MS = 15 * 60_000;
const EXPORT_LINK_LIFETIME_MS = 7 * DAY_MS;

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id status dueAt } } }";
const STATUS = "query ($token: String!) { requestStatus(token: $token) { status dueAt rejectionReason authority { jurisdiction name } } }";
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status verificationMethod } }";
const TRANSITION = "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status rejectionReason closedAt } }";
const EXTEND =
  "mutation ($id: ID!, $reason: String!) { extendRequestDeadline(id: $id, reason: $reason) { dueAt extendedDueAt extensionReason } }";

let counter = 0;

async function submit(gateway: TestGateway, input: Record<string, unknown>) {
  const contactEmail = `person-${++counter}@example.com`;
  const response = await gateway.execute(SUBMIT, { input: { contactEmail, ...input } });
  const { trackingToken, request } = dataOf<{
    trackingToken: string;
    request: { id: string; status: string; dueAt: string };
  }>(response, "submitRequest");
  return { token: trackingToken, id: request.id, status: request.status, dueAt: request.dueAt, contactEmail };
}

async function notices(gateway: TestGateway, recipient: string, template: string) {
  return (await gateway.database.prisma.outboxMessage.findMany({ where: { recipient, template }, orderBy: { createdAt: "asc" } })).map(
    (message) => message.payload as Record<string, unknown>,
  );
}

const codeFor = async (gateway: TestGateway, recipient: string) =>
  String((await notices(gateway, recipient, "request.verification-code")).at(-1)?.code);

describe.each(TEST_ENGINES)("data-subject requests on %s", (engine) => {
  // The tests that use addresses of their own and register no data system share one gateway.
  let shared: TestGateway;
  beforeAll(async () => {
    shared = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, {
      rateLimits: "off",
    });
  });
  afterAll(() => shared[Symbol.asyncDispose]());
  afterEach(restoreClock);

  it("verifies by e-mailed code: hashed, limited attempts, expiring, replaceable; an address that is not the account's is refused", async () => {
    const gateway = shared;
    const { prisma } = gateway.database;
    const request = await submit(gateway, { type: "ACCESS", jurisdiction: "DE" });
    expect(request.status).toBe("AWAITING_VERIFICATION");
    const code = await codeFor(gateway, request.contactEmail);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await prisma.requestVerificationCode.findFirstOrThrow({ where: { requestId: request.id } });
    expect(JSON.stringify(stored)).not.toContain(code);

    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= CODE_MAX_ATTEMPTS; attempt++) {
      const response = await gateway.execute(VERIFY, { token: request.token, code: wrong });
      expect(response.errors?.[0]?.extensions?.code).toBe("VERIFICATION_FAILED");
    }
    // The right code no longer helps once the attempts are used up.
    expect((await gateway.execute(VERIFY, { token: request.token, code })).errors?.[0]?.extensions?.code).toBe("VERIFICATION_CODE_EXPIRED");

    await gateway.execute("mutation ($token: String!) { resendRequestCode(token: $token) { status } }", { token: request.token });
    const fresh = await codeFor(gateway, request.contactEmail);
    moveClockTo(new Date(Date.now() + CODE_LIFETIME_MS + 1000));
    expect((await gateway.execute(VERIFY, { token: request.token, code: fresh })).errors?.[0]?.extensions?.code).toBe(
      "VERIFICATION_CODE_EXPIRED",
    );

    await gateway.execute("mutation ($token: String!) { resendRequestCode(token: $token) { status } }", { token: request.token });
    const verified = await gateway.execute(VERIFY, { token: request.token, code: await codeFor(gateway, request.contactEmail) });
    // No data system is registered, so nothing answers on its own: the request waits for staff.
    expect(verified.data?.verifyRequest).toEqual({ status: "IN_PROGRESS", verificationMethod: "EMAIL_CODE" });
    expect(await prisma.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      verifiedBy: "subject:email-code",
      feeCharged: false,
    });

    // A token signed for another purpose, or altered, names no request.
    expect((await gateway.execute(STATUS, { token: request.token.replace("crt_", "cre_") })).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("answers a request no data system was asked about only when staff confirm it with a reason, and says what was searched", async () => {
    const gateway = shared;
    const request = await submit(gateway, { type: "ERASURE", jurisdiction: "DE" });
    await gateway.execute(VERIFY, { token: request.token, code: await codeFor(gateway, request.contactEmail) });
    expect((await gateway.execute(STATUS, { token: request.token })).data?.requestStatus).toMatchObject({ status: "IN_PROGRESS" });
    const silent = await gateway.asStaff(TRANSITION, { input: { id: request.id, to: "COMPLETED" } });
    expect(silent.errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    const reason = "the shop keeps no records of its own yet; only Custos was searched";
    const confirmed = await gateway.asStaff(TRANSITION, { input: { id: request.id, to: "COMPLETED", reason } });
    expect(confirmed.data?.transitionRequest).toMatchObject({ status: "COMPLETED" });
    const [completion] = await gateway.database.prisma.outboxMessage.findMany({
      where: { template: "request.completion", payload: { path: ["requestId"], equals: request.id } },
    });
    expect(completion?.payload).toMatchObject({ searched: [], answeredWithoutSystems: reason });
  });

  it("sends the code for a named account to its registered address only, and refuses it once the address has changed", async () => {
    const gateway = shared;
    const register = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }";
    await gateway.asStaff(register, { input: { subjectId: "cust-known", email: "owner@example.com" } });
    const impostor = await submit(gateway, { type: "ERASURE", jurisdiction: "DE", subjectId: "cust-known" });
    expect(await notices(gateway, impostor.contactEmail, "request.verification-code")).toEqual([]);
    const ownersCode = await codeFor(gateway, "owner@example.com");
    // The account system replaces the address: a code sent to the old one proves nothing any more.
    await gateway.asStaff(register, { input: { subjectId: "cust-known", email: "owner.new@example.com" } });
    const refused = await gateway.execute(VERIFY, { token: impostor.token, code: ownersCode });
    expect(refused.errors?.[0]?.extensions?.code).toBe("IDENTITY_MISMATCH");
    const checked = await gateway.asStaff(
      'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-77") { status verificationMethod verifiedBy verificationProvider verificationReference } }',
      { id: impostor.id },
    );
    expect(checked.data?.verifyRequestIdentity).toMatchObject({
      status: "IN_PROGRESS",
      verificationMethod: "DOCUMENT_CHECK",
      verificationProvider: "IDnow",
      verificationReference: "chk-77",
    });
    const audited = await gateway.database.prisma.auditLogEntry.count({ where: { operation: "registerSubjectContact" } });
    expect(audited).toBeGreaterThanOrEqual(2);
  });

  it("caps guessing: five codes per request, three unverified requests per address a day", async () => {
    const gateway = shared;
    const resend = "mutation ($token: String!) { resendRequestCode(token: $token) { status } }";
    const request = await submit(gateway, { type: "ERASURE", jurisdiction: "RU" });
    for (let sent = 1; sent < 5; sent++) expect((await gateway.execute(resend, { token: request.token })).errors).toBeUndefined();
    expect((await gateway.execute(resend, { token: request.token })).errors?.[0]?.extensions?.code).toBe("VERIFICATION_LOCKED");

    const input = { type: "ACCESS", jurisdiction: "DE", contactEmail: "Same.Person@example.com" };
    for (let index = 0; index < 3; index++) expect((await gateway.execute(SUBMIT, { input })).errors).toBeUndefined();
    const refused = await gateway.execute(SUBMIT, { input: { ...input, contactEmail: "same.person@example.com" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(
      await gateway.database.prisma.privacyRequest.count({
        where: { contactEmail: { equals: "same.person@example.com", mode: "insensitive" } },
      }),
    ).toBe(3);
  });

  it("stops the GDPR clock while waiting for proof of identity, but not the 152-FZ clock", async () => {
    const gateway = shared;
    const resend = "mutation ($token: String!) { resendRequestCode(token: $token) { status } }";
    const dueAt = async (id: string) =>
      (await gateway.database.prisma.privacyRequest.findUniqueOrThrow({ where: { id } })).dueAt.toISOString();
    // Received on Monday 3 March 2025 and answered on 10 March: 4–10 March do not run, so the month's end moves
    // from Thursday 3 April by 7 days to Thursday 10 April (Berlin, summer time).
    moveClockTo("2025-03-03T09:00:00+01:00");
    const gdpr = await submit(gateway, { type: "ACCESS", jurisdiction: "DE" });
    expect(gdpr.dueAt).toBe("2025-04-03T21:59:59.999Z");
    moveClockTo("2025-03-10T12:00:00+01:00");
    await gateway.execute(resend, { token: gdpr.token });
    await gateway.execute(VERIFY, { token: gdpr.token, code: await codeFor(gateway, gdpr.contactEmail) });
    expect(await dueAt(gdpr.id)).toBe("2025-04-10T21:59:59.999Z");
    expect(await gateway.database.prisma.requestPause.count({ where: { requestId: gdpr.id, endedAt: { not: null } } })).toBe(1);

    // 152-FZ: ten working days from Friday 26 December 2025 (1–8 January off) end on 21 January, however long
    // the person takes to answer.
    moveClockTo("2025-12-26T12:00:00+03:00");
    const ru = await submit(gateway, { type: "ACCESS", jurisdiction: "RU" });
    expect(ru.dueAt).toBe("2026-01-21T20:59:59.999Z");
    expect(await gateway.database.prisma.requestPause.count({ where: { requestId: ru.id } })).toBe(0);
    moveClockTo("2026-01-15T13:00:00+03:00");
    await gateway.execute(resend, { token: ru.token });
    await gateway.execute(VERIFY, { token: ru.token, code: await codeFor(gateway, ru.contactEmail) });
    expect(await dueAt(ru.id)).toBe("2026-01-21T20:59:59.999Z");
  });

  it("extends a deadline once where the law allows, recording the reason and queueing the notice; refuses where it does not", async () => {
    const gateway = shared;
    // Received on 15 January 2025, due Monday 17 February (the 15th is a Saturday); two further months from
    // there end on 15 April, Berlin summer time (GDPR Art. 12(3)). A signed-in shopper's request needs no code,
    // so no wait for proof stops the clock.
    moveClockTo("2025-01-15T12:00:00+01:00");
    const session = { token: await gateway.shopperSession("cust-extended") };
    const submitted = await gateway.execute(
      SUBMIT,
      { input: { type: "ACCESS", jurisdiction: "DE", contactEmail: "extended@example.com" } },
      session,
    );
    const gdpr = {
      ...dataOf<{ request: { id: string; dueAt: string } }>(submitted, "submitRequest").request,
      contactEmail: "extended@example.com",
    };
    expect(gdpr.dueAt).toBe("2025-02-17T22:59:59.999Z");
    moveClockTo("2025-02-10T09:00:00+01:00");
    const reason = "the records are spread over several archived systems";
    const extended = await gateway.asStaff(EXTEND, { id: gdpr.id, reason });
    expect(extended.data?.extendRequestDeadline).toEqual({
      dueAt: "2025-04-15T21:59:59.999Z",
      extendedDueAt: "2025-04-15T21:59:59.999Z",
      extensionReason: reason,
    });
    expect(await notices(gateway, gdpr.contactEmail, "request.extension-notice")).toEqual([
      expect.objectContaining({ reason, extendedDueAt: "2025-04-15T21:59:59.999Z", fee: "none" }),
    ]);
    expect((await gateway.asStaff(EXTEND, { id: gdpr.id, reason })).errors?.[0]?.extensions?.code).toBe("EXTENSION_NOT_ALLOWED");

    const china = await submit(gateway, { type: "ACCESS", jurisdiction: "CN" });
    expect((await gateway.asStaff(EXTEND, { id: china.id, reason })).errors?.[0]?.extensions?.code).toBe("EXTENSION_NOT_ALLOWED");
    const ru = await submit(gateway, { type: "ACCESS", jurisdiction: "RU" });
    expect((await gateway.asStaff(EXTEND, { id: ru.id, reason: "  " })).errors?.[0]?.extensions?.code).toBe("EXTENSION_REASON_REQUIRED");
    const question = await submit(gateway, { type: "QUESTION", jurisdiction: "RU" });
    // Sixty days on, the first period is long over: its extension notice was due within it.
    moveClockTo(new Date(Date.now() + 60 * DAY_MS));
    expect((await gateway.asStaff(EXTEND, { id: question.id, reason })).errors?.[0]?.extensions?.code).toBe("EXTENSION_TOO_LATE");
  });

  it("refuses illegal moves, sends reasons and the authority, and lets the person withdraw or escalate", async () => {
    const gateway = shared;
    const waiting = await submit(gateway, { type: "ERASURE", jurisdiction: "RU" });
    const early = await gateway.asStaff(TRANSITION, { input: { id: waiting.id, to: "COMPLETED" } });
    expect(early.errors?.[0]).toMatchObject({
      extensions: { code: "ILLEGAL_TRANSITION" },
      message: expect.stringContaining("from AWAITING_VERIFICATION it can move to"),
    });
    expect((await gateway.asStaff(TRANSITION, { input: { id: waiting.id, to: "REJECTED" } })).errors?.[0]?.extensions?.code).toBe(
      "REASON_REQUIRED",
    );
    // Staff's words alone are no legal ground (152-FZ Art. 20(2)), and a GDPR ground is not one under 152-FZ.
    const unfounded = await gateway.asStaff(TRANSITION, {
      input: { id: waiting.id, to: "REJECTED", reason: "identity could not be verified" },
    });
    expect(unfounded.errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    const foreign = await gateway.asStaff(TRANSITION, {
      input: { id: waiting.id, to: "REJECTED", refusalGround: "GDPR_ART_12_5_EXCESSIVE", reason: "again" },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("REFUSAL_GROUND_NOT_APPLICABLE");
    // What staff may choose from: the request's law's own grounds, then those of every law; never another law's.
    const grounds = (jurisdiction: string) =>
      gateway.asStaff("query ($j: String!) { refusalGrounds(jurisdiction: $j) { ground citation needsReason } }", { j: jurisdiction });
    const russian = dataOf<{ ground: string; citation: string; needsReason: boolean }[]>(await grounds("ru"), "refusalGrounds");
    expect(russian[0]).toEqual({ ground: "RU_152_ART_14_3_IDENTITY", citation: "152-FZ Art. 14(3)", needsReason: false });
    expect(russian.map((option) => option.ground).slice(-3)).toEqual([
      "IDENTITY_NOT_VERIFIED",
      "MANIFESTLY_UNFOUNDED_OR_EXCESSIVE",
      "OTHER_LEGAL_GROUND",
    ]);
    expect(russian.map((option) => option.ground)).not.toContain("GDPR_ART_12_5_EXCESSIVE");
    const british = dataOf<{ ground: string }[]>(await grounds("GB"), "refusalGrounds").map((option) => option.ground);
    expect(british).toContain("GDPR_ART_12_5_EXCESSIVE");
    expect(british.some((ground) => ground.startsWith("RU_") || ground.startsWith("CCPA_"))).toBe(false);
    expect((await grounds("Narnia")).errors?.[0]?.extensions?.code).toBe("INVALID_JURISDICTION");
    const rejected = await gateway.asStaff(TRANSITION, {
      input: { id: waiting.id, to: "REJECTED", refusalGround: "RU_152_ART_14_3_IDENTITY", reason: "identity could not be verified" },
    });
    expect(rejected.data?.transitionRequest).toMatchObject({ status: "REJECTED", rejectionReason: "identity could not be verified" });
    expect((await notices(gateway, waiting.contactEmail, "request.rejection"))[0]).toMatchObject({
      reason: "identity could not be verified",
      refusalGround: "RU_152_ART_14_3_IDENTITY",
      authority: { jurisdiction: "RU" },
    });

    const escalated = await gateway.execute(
      'mutation ($token: String!) { escalateRequest(token: $token, reason: "I am who I say") { status authority { jurisdiction name website } } }',
      {
        token: waiting.token,
      },
    );
    expect(escalated.data?.escalateRequest).toMatchObject({
      status: "ESCALATED",
      authority: { jurisdiction: "RU", website: "https://rkn.gov.ru" },
    });
    expect((await notices(gateway, waiting.contactEmail, "request.escalation-acknowledgement"))[0]).toMatchObject({
      authority: { name: expect.stringContaining("Roskomnadzor") },
    });

    const other = await submit(gateway, { type: "QUESTION", jurisdiction: "PT" });
    const withdrawn = await gateway.execute(
      "mutation ($token: String!) { withdrawRequest(token: $token) { status closedAt authority { jurisdiction } } }",
      {
        token: other.token,
      },
    );
    // Portugal's own authority, not the EDPB's list of all of them (issue 24).
    expect(withdrawn.data?.withdrawRequest).toMatchObject({ status: "WITHDRAWN", authority: { jurisdiction: "PT" } });
    const again = await gateway.execute("mutation ($token: String!) { withdrawRequest(token: $token) { status } }", { token: other.token });
    expect(again.errors?.[0]?.extensions?.code).toBe("ILLEGAL_TRANSITION");
    const events = await gateway.database.prisma.requestEvent.findMany({ where: { requestId: other.id }, orderBy: { occurredAt: "asc" } });
    expect(events.map((event) => [event.fromStatus, event.toStatus, event.actor])).toEqual([
      [null, "RECEIVED", "anonymous"],
      ["RECEIVED", "IN_PROGRESS", "system"],
      ["IN_PROGRESS", "WITHDRAWN", "anonymous"],
    ]);
  });

  it("queues requests by deadline with overdue and due-soon flags and filters", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    // 45 calendar days from 19 February end on Saturday 5 April (CCPA); a month from 3 March ends on 3 April
    // (GDPR); seen on 4 April, the first is due within the 3-day window and the second is late.
    moveClockTo("2025-02-19T10:00:00-08:00");
    const soon = await submit(gateway, { type: "ACCESS", jurisdiction: "US-CA" });
    expect(soon.dueAt).toBe("2025-04-06T06:59:59.999Z");
    moveClockTo("2025-03-03T09:00:00+01:00");
    const late = await submit(gateway, { type: "ERASURE", jurisdiction: "DE" });
    expect(late.dueAt).toBe("2025-04-03T21:59:59.999Z");
    moveClockTo("2025-04-01T09:00:00+03:00");
    const calm = await submit(gateway, { type: "QUESTION", jurisdiction: "RU" });
    moveClockTo("2025-04-04T12:00:00Z");
    const query = `query ($type: RequestType, $status: [RequestStatus!], $jurisdiction: String) {
      privacyRequests(first: 10, type: $type, status: $status, jurisdiction: $jurisdiction) { edges { node { id overdue dueSoon dueState } } } }`;
    const ids = async (variables: Record<string, unknown> = {}) =>
      dataOf<{ edges: { node: Record<string, unknown> }[] }>(await gateway.asStaff(query, variables), "privacyRequests").edges.map(
        ({ node }) => node,
      );
    expect(await ids()).toEqual([
      { id: late.id, overdue: true, dueSoon: false, dueState: "OVERDUE" },
      { id: soon.id, overdue: false, dueSoon: true, dueState: "DUE_SOON" },
      { id: calm.id, overdue: false, dueSoon: false, dueState: "ON_TRACK" },
    ]);
    expect((await ids({ type: "ACCESS" })).map(({ id }) => id)).toEqual([soon.id]);
    expect((await ids({ jurisdiction: "ru" })).map(({ id }) => id)).toEqual([calm.id]);
    expect((await ids({ status: ["IN_PROGRESS"] })).map(({ id }) => id)).toEqual([calm.id]);
  });

  it("hands each task to one app instance, checks what apps post, and serves the package only through a live link", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const acme = dataOf<{ name: string }>(
      await gateway.asStaff("mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { name } }", {
        input: { name: "Acme Cloud", country: "SG", dataCategories: [], purposes: [] },
      }),
      "createProcessor",
    );
    for (const input of [
      { key: "orders-app", name: "orders-app" },
      { key: "crm-app", name: "crm-app", processor: acme.name },
    ]) {
      const created = await gateway.asStaff("mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
        input,
      });
      expect(created.errors).toBeUndefined();
    }
    const orders = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders-app" });
    const crm = await gateway.issueKey({ kind: "SERVICE", name: "crm", dataSystemKey: "crm-app" });
    const shopper = await gateway.shopperSession("cust-1");
    await gateway.execute(
      "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }",
      { input: { subjectId: "cust-1", purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" } },
      { token: shopper },
    );
    const submitted = [];
    for (let index = 0; index < 4; index++) {
      const response = await gateway.execute(
        SUBMIT,
        { input: { type: "PORTABILITY", jurisdiction: "DE", contactEmail: "cust-1@example.com" } },
        { token: shopper },
      );
      submitted.push(dataOf<{ request: { id: string; status: string } }>(response, "submitRequest").request);
    }
    expect(submitted.every(({ status }) => status === "IN_PROGRESS")).toBe(true);

    // The processor running the CRM sees that system's tasks, and no other.
    const partner = await gateway.issueKey({ kind: "PARTNER", name: "acme", processorName: "Acme Cloud" });
    const seen = await gateway.execute(
      "{ requestTasks(first: 10) { edges { node { system request { type } } } } }",
      {},
      { token: partner },
    );
    expect(dataOf<{ edges: { node: { system: string } }[] }>(seen, "requestTasks").edges.map(({ node }) => node.system)).toEqual([
      "crm-app",
      "crm-app",
      "crm-app",
      "crm-app",
    ]);

    const pull = "mutation { pullRequestTasks(limit: 3) { id request { id subjectId } } }";
    const [first, second] = await Promise.all([gateway.execute(pull, {}, { token: orders }), gateway.execute(pull, {}, { token: orders })]);
    const taken = [first, second].flatMap((response) => dataOf<{ id: string }[]>(response, "pullRequestTasks").map(({ id }) => id));
    expect(taken).toHaveLength(4);
    expect(new Set(taken).size).toBe(4);

    const complete = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";
    const [task] = taken;
    const crmTask = await prisma.requestTask.findFirstOrThrow({ where: { dataSystem: { key: "crm-app" } } });
    expect(
      (await gateway.execute(complete, { input: { taskId: crmTask.id, confirmation: "x" } }, { token: orders })).errors?.[0]?.extensions
        ?.code,
    ).toBe("NOT_FOUND");
    expect(
      (await gateway.execute(complete, { input: { taskId: task, confirmation: "done" } }, { token: orders })).errors?.[0]?.extensions?.code,
    ).toBe("INVALID_TASK_RESULT");
    const nested = { taskId: task, data: [{ category: "orders", records: [{ items: [1, 2] }] }] };
    expect((await gateway.execute(complete, { input: nested }, { token: orders })).errors?.[0]?.extensions?.code).toBe(
      "INVALID_TASK_RESULT",
    );

    const requestId = (await prisma.requestTask.findUniqueOrThrow({ where: { id: task as string } })).requestId;
    for (const [token, key] of [
      [orders, "orders-app"],
      [crm, "crm-app"],
    ] as const) {
      const own = await prisma.requestTask.findFirstOrThrow({ where: { requestId, dataSystem: { key } } });
      const done = await gateway.execute(
        complete,
        { input: { taskId: own.id, data: [{ category: "orders", records: [{ id: 1, total: 9.5 }] }] } },
        { token },
      );
      expect(done.data?.completeRequestTask).toEqual({ status: "DONE" });
    }
    expect((await gateway.execute(complete, { input: { taskId: task, data: [] } }, { token: orders })).errors?.[0]?.extensions?.code).toBe(
      "TASK_NOT_OPEN",
    );

    await gateway.deliverMail();
    const completion = gateway.mail.sent.find((message) => message.template === "request.completion")?.payload as { downloadPath: string };
    const download = await fetch(`${gateway.baseUrl}${completion.downloadPath}`);
    expect(download.status).toBe(200);
    // Custos's own records about the person come with the systems': consent history with receipts, requests, transfers.
    const bundle = (await download.json()) as {
      manifest: { files: { path: string; rows: number }[] };
      files: { path: string; content: string }[];
    };
    const own = bundle.manifest.files.filter(({ path }) => path.startsWith("custos/") && path.endsWith(".json"));
    expect(own.map(({ path, rows }) => `${path}:${rows}`)).toEqual([
      "custos/consent-history.json:1",
      "custos/requests.json:4",
      "custos/disclosures.json:0",
      "custos/transfers.json:0",
    ]);
    const history = JSON.parse(bundle.files.find(({ path }) => path === "custos/consent-history.json")?.content ?? "[]") as {
      receipt: string;
    }[];
    expect(JSON.parse(history[0]?.receipt ?? "{}")).toMatchObject({ "@context": expect.anything() });
    expect(
      await prisma.auditLogEntry.count({ where: { operation: "downloadRequestExport", requestId: download.headers.get("x-request-id") } }),
    ).toBe(1);
    moveClockTo(new Date(Date.now() + EXPORT_LINK_LIFETIME_MS + 1000));
    const expired = await fetch(`${gateway.baseUrl}${completion.downloadPath}`);
    expect(expired.status).toBe(404);
    expect((await expired.json()).errors[0].extensions.code).toBe("NOT_FOUND");
    expect(await prisma.auditLogEntry.count({ where: { operation: "downloadRequestExport" } })).toBe(1);
  });

  // A regression: the claim was stamped with the database's clock and judged stale by the gateway's, so a gateway whose
  // clock ran ahead of the database's by more than the claim timeout handed a claimed task to a second instance.
  it("does not hand a claimed task to another app instance while the gateway's clock runs ahead of the database's", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const created = await gateway.asStaff("mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
      input: { key: "orders-app", name: "orders-app" },
    });
    expect(created.errors).toBeUndefined();
    const orders = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders-app" });
    const shopper = await gateway.shopperSession("cust-1");
    const submitted = await gateway.execute(
      SUBMIT,
      { input: { type: "PORTABILITY", jurisdiction: "DE", contactEmail: "cust-1@example.com" } },
      { token: shopper },
    );
    expect(dataOf<{ request: { status: string } }>(submitted, "submitRequest").request.status).toBe("IN_PROGRESS");

    const pull = async () =>
      dataOf<{ id: string }[]>(
        await gateway.execute("mutation { pullRequestTasks(limit: 5) { id } }", {}, { token: orders }),
        "pullRequestTasks",
      );
    moveClockTo(new Date(Date.now() + 60 * 60_000));
    const [task] = await pull();
    expect(task).toBeDefined();
    expect(await pull()).toEqual([]);
    // The claim still lapses after its timeout, counted on the gateway's clock.
    moveClockTo(new Date(Date.now() + 16 * 60_000));
    expect(await pull()).toEqual([task]);
  });
});

it("offers no way to charge a fee: no input type has a field for one", () => {
  const printed = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
  const inputFields = Object.values(printed.getTypeMap())
    .filter(isInputObjectType)
    .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
  expect(inputFields.filter((field) => /fee|charge|price|payment/i.test(field))).toEqual([]);
  expect(inputFields).toContain("SubmitRequestInput.type");
});
