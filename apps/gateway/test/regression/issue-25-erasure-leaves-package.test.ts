// Issue 25, finding 1: a shopper's ERASURE completed, yet the download link of their earlier ACCESS request still
// answered 200 with their records (a home address), and the database still held the package and two copies of the
// records in the systems' task results; nothing removed packages after their link expired either. Set up through the
// public HTTP path as a shop would; then the database is read column by column.
import { getDatamodel } from "@custos/db/pothos-types";
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { purgeExpiredCopies } from "../../src/cross-tenant/expired-copies.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { ACCEPT_ALL_TC, gppString } from "../samples/iab-strings.ts";

const SUBMIT = `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id status } } }`;
const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId } }";
const CONSENT = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
const PULL = "mutation { pullRequestTasks(limit: 50) { id request { id type } } }";
const COMPLETE = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";
const HOME = "1 Secret Street";

/**
 * Every column of every table, classified. `personal` columns can hold something about one person (or a copy of it)
 * and must be erased for them; the others hold none. A column added to the schema fails the test below until it is
 * classified here.
 */
const NOT_PERSONAL = "not personal";
type Erased = (row: Record<string, unknown>, who: Who) => boolean;
interface Who {
  subjectId: string;
  externalId: string;
  email: string;
  requestIds: string[];
}
const isNull: Erased = (row) => row.value === null;
const noTrace: Erased = (row, who) => {
  const text = JSON.stringify(row.value ?? null).toLowerCase();
  return ![who.email, who.externalId, HOME.toLowerCase(), ...who.requestIds].some((marker) => text.includes(marker.toLowerCase()));
};

/** How to find the rows about the erased person, per model. */
const ROWS: Record<string, (db: TestGateway["database"]["prisma"], who: Who) => Promise<Record<string, unknown>[]>> = {
  DataSubject: (db, who) => db.dataSubject.findMany({ where: { id: who.subjectId } }),
  ConsentEvent: (db, who) => db.consentEvent.findMany({ where: { subjectId: who.subjectId } }),
  IdempotentWrite: (db, who) => db.idempotentWrite.findMany({ where: { subjectId: who.subjectId } }),
  PrivacyRequest: (db, who) => db.privacyRequest.findMany({ where: { id: { in: who.requestIds } } }),
  RequestEvent: (db, who) => db.requestEvent.findMany({ where: { requestId: { in: who.requestIds } } }),
  RequestVerificationCode: (db, who) => db.requestVerificationCode.findMany({ where: { requestId: { in: who.requestIds } } }),
  RequestTask: (db, who) => db.requestTask.findMany({ where: { requestId: { in: who.requestIds } } }),
  // Blanked notices cannot be found by person: every notice of the tenant must be free of them.
  OutboxMessage: (db) => db.outboxMessage.findMany(),
  // An erasure's webhook names the person until its recipient acknowledges it: every delivery must be free of them then.
  WebhookDelivery: (db) => db.webhookDelivery.findMany(),
  RetentionTask: (db) => db.retentionTask.findMany(),
  AuditLogEntry: (db) => db.auditLogEntry.findMany(),
};

const PERSONAL: Record<string, Record<string, Erased>> = {
  DataSubject: {
    externalId: (row, who) => row.value === `erased:${who.subjectId}`,
    contactEmail: isNull,
    contactEmailVerifiedAt: isNull,
    language: isNull,
  },
  ConsentEvent: { userAgent: isNull, ipHash: isNull, pageUrl: isNull, tcString: isNull, gppString: isNull },
  IdempotentWrite: { key: () => false, payloadHash: () => false },
  PrivacyRequest: {
    contactEmail: isNull,
    language: isNull,
    details: isNull,
    rejectionReason: isNull,
    answer: isNull,
    extensionReason: isNull,
    verificationReference: isNull,
    exportPackage: isNull,
    senderKey: isNull,
  },
  // Notes written by a person or staff; the system's own notes ("searched: …") name no one.
  RequestEvent: { note: (row) => row.actor === "system" || row.value === null },
  RequestVerificationCode: { salt: () => false, codeHash: () => false },
  RequestTask: { result: (row) => row.value === null || !JSON.stringify(row.value).includes('"data"') },
  OutboxMessage: { recipient: noTrace, payload: noTrace },
  // Blanked on acknowledgement or when its endpoint is disabled (sdk/src/webhooks.test.ts); kept while it can be sent.
  WebhookDelivery: { payload: noTrace },
  RetentionTask: { heldSubjectIds: noTrace },
  AuditLogEntry: { details: noTrace },
};

/** Personal, but kept by law or for the controller's own accountability, and why. */
const KEPT: Record<string, Record<string, string>> = {
  LegalHold: { reason: "a legal hold exists to keep data (Art. 17(3)(e)); released by staff" },
  DisclosureRecord: {
    authority: "record of a legally required disclosure (Art. 17(3)(b))",
    legalBasis: "record of a legally required disclosure",
    dataDisclosed: "record of a legally required disclosure",
    notNotifiedReason: "record of a legally required disclosure",
  },
  WithdrawalDestruction: {
    basis: "the basis for keeping data after a withdrawal (152-FZ Art. 21 part 5): the controller's record of it",
  },
  MarketingSuppression: {
    mailboxHash: "a suppression list: an objection to direct marketing stays honoured after erasure (Art. 21(3)); a keyed hash",
  },
  StaffMember: {
    subject: "a member of staff's id at the company's OpenID provider, for accountability (who acted, P10); not a data subject's",
    name: "a member of staff's name, for accountability (who acted, P10); not a data subject's",
    email: "a member of staff's work address, for accountability (who acted, P10); not a data subject's",
  },
  PrivacyRequest: {
    verifiedBy: "who verified (a staff label or `subject:email-code`), proof the request was answered",
    verificationProvider: "the document-check provider's name, not the person's",
  },
};

function classification(model: string, field: string): string | undefined {
  if (PERSONAL[model]?.[field]) return "personal";
  if (KEPT[model]?.[field]) return "kept";
  return NOT_PERSONAL_COLUMNS[model]?.includes(field) ? NOT_PERSONAL : undefined;
}

const NOT_PERSONAL_COLUMNS: Record<string, string[]> = {
  Tenant: [
    ...[
      "id",
      "slug",
      "controllerName",
      "controllerEmail",
      "controllerAddress",
      "consentManagementUrl",
      "sessionIssuer",
      "sessionPublicJwk",
    ],
    "createdAt",
  ],
  ApiKey: [
    ...["id", "tenantId", "kind", "name", "prefix", "secretHash", "scopes", "allowedOrigins", "dataSystemId", "processorId"],
    ...["expiresAt", "revokedAt", "lastUsedAt", "createdAt"],
  ],
  Purpose: [
    ...["id", "tenantId", "key", "name", "description", "nameRu", "descriptionRu", "nameZh", "descriptionZh", "legalBasis"],
    ...["position", "createdAt"],
  ],
  DataCategory: ["id", "tenantId", "key", "name", "description", "createdAt"],
  PurposeDataCategory: ["purposeId", "dataCategoryId"],
  DataSubject: ["id", "tenantId", "createdAt", "erasedAt", "restrictedAt"],
  ConsentEvent: [
    ...["id", "tenantId", "subjectId", "purposeId", "cookieCategoryId", "decision", "channel", "policyVersionId", "jurisdiction"],
    ...["occurredAt", "expiresAt", "proofDigest", "gpc", "sequence", "previousHash", "hash"],
  ],
  IdempotentWrite: ["id", "tenantId", "scope", "subjectId", "eventIds", "createdAt"],
  ConsentChainHead: ["tenantId", "sequence", "hash"],
  // The public consent log: hashes of ledger entries, which name no subject (consent/ledger/ledger-entry.ts).
  SigningKey: ["id", "tenantId", "publicJwk", "sealedPrivateKey", "validFrom", "validUntil"],
  ConsentLogHead: ["tenantId", "treeSize"],
  ConsentLogNode: ["tenantId", "level", "index", "hash"],
  ConsentCheckpoint: ["id", "tenantId", "treeSize", "rootHash", "issuedAt", "jws"],
  // Recipients told: a delivery names a consent event, whose payload (with the app's subject id) is built when sent, or a
  // request, whose payload is kept with it until acknowledged (personal, above).
  WebhookEndpoint: ["id", "tenantId", "name", "url", "sealedSecret", "createdAt", "disabledAt"],
  WebhookDelivery: ["id", "tenantId", "endpointId", "type", "eventId", "status", "attempts", "lastError", "createdAt", "deliveredAt"],
  WebhookFanOut: ["tenantId", "consentSequence"],
  ConsentState: ["subjectId", "purposeId", "decision", "channel", "lastEventId", "decidedAt", "expiresAt", "policyVersionId", "gpc"],
  CookieConsentState: [
    ...["subjectId", "cookieCategoryId", "decision", "channel", "lastEventId", "decidedAt", "expiresAt", "policyVersionId", "gpc"],
  ],
  CookieCategory: [
    "id",
    "tenantId",
    "key",
    "name",
    "description",
    "nameRu",
    "descriptionRu",
    "nameZh",
    "descriptionZh",
    "required",
    "position",
  ],
  CookieVendor: ["id", "tenantId", "cookieCategoryId", "name", "country", "privacyPolicyUrl", "purposes"],
  Cookie: ["id", "vendorId", "name", "domain", "description", "retention"],
  PolicyVersion: ["id", "tenantId", "kind", "version", "language", "url", "effectiveAt", "material", "publishedAt"],
  PrivacyRequest: [
    ...["id", "tenantId", "subjectId", "type", "status", "jurisdiction", "receivedAt", "dueAt", "initialDueAt", "acknowledgeBy"],
    ...["extensionNoticeBy", "deadlineRule", "deadlineProvisional", "deadlineMovedFrom", "extendedDueAt", "directMarketing"],
    ...["verificationMethod", "verifiedAt", "feeCharged", "closedAt", "exportExpiresAt", "assigneeId", "assignedAt"],
    ...["refusalGround"],
  ],
  MarketingSuppression: ["id", "tenantId", "requestId", "createdAt"],
  WithdrawalDestruction: [
    ...["id", "tenantId", "subjectId", "purposeId", "withdrawalEventId", "withdrawnAt", "dueAt", "deadlineRule", "closedAt"],
    ...["outcome", "closedBy", "createdAt"],
  ],
  StaffMember: ["id", "tenantId", "role", "lastSeenAt", "createdAt"],
  RequestEvent: ["id", "requestId", "fromStatus", "toStatus", "actor", "occurredAt"],
  RequestPause: ["id", "requestId", "reason", "startedAt", "endedAt"],
  RequestVerificationCode: ["id", "requestId", "expiresAt", "attempts", "consumedAt", "createdAt"],
  RequestTask: ["id", "requestId", "dataSystemId", "status", "claimedAt", "completedAt"],
  DataSystem: ["id", "tenantId", "key", "name", "processorId", "dataCategoryKeys", "accountSystem", "retiredAt", "createdAt"],
  RetentionPolicy: ["id", "tenantId", "dataCategoryId", "periodMonths", "trigger", "action", "legalBasis", "createdAt"],
  RetentionRun: ["id", "tenantId", "dryRun", "status", "startedAt", "finishedAt", "counts", "error", "heartbeatAt", "startedBy"],
  RetentionTask: [
    ...["id", "tenantId", "runId", "dataSystemId", "dataCategoryId", "action", "trigger", "clockStartBefore", "status", "open"],
    ...["createdAt", "completedAt"],
  ],
  LegalHold: ["id", "tenantId", "subjectId", "dataCategoryId", "ground", "expiresAt", "releasedAt", "createdAt"],
  Processor: ["id", "tenantId", "name", "country", "contactEmail", "contractRef", "createdAt"],
  TransferRecord: [
    ...["id", "tenantId", "processorId", "purposeId", "destinationCountry", "mechanisms", "safeguards", "regulatorNoticeRef"],
    ...["regulatorNoticeAt", "subjectJurisdictions", "separateConsentObtained", "individualNoticeGiven", "startsAt", "endsAt"],
    "createdAt",
  ],
  TransferDataCategory: ["transferId", "dataCategoryId"],
  DisclosureRecord: [
    ...["id", "tenantId", "subjectId", "instrument", "disclosedAt", "subjectNotified", "noticeAllowedAfter", "noticeGivenAt"],
    "createdAt",
  ],
  AuditLogEntry: ["id", "tenantId", "actor", "operation", "subjectId", "requestId", "occurredAt"],
  OutboxMessage: ["id", "tenantId", "template", "status", "attempts", "lastError", "createdAt", "sentAt"],
};

const columns = () =>
  Object.entries(getDatamodel().datamodel.models as Record<string, { fields: readonly { name: string; kind: string }[] }>).flatMap(
    ([model, { fields }]) => fields.filter((field) => field.kind !== "object").map((field) => ({ model, field: field.name })),
  );

describe("personal data columns", () => {
  it("are every column of the schema, each classified as personal, kept or not personal", () => {
    const unclassified = columns().filter(({ model, field }) => !classification(model, field));
    expect(unclassified, "classify these columns in issue-25-erasure-leaves-package.test.ts").toEqual([]);
    for (const [model, fields] of Object.entries(PERSONAL)) {
      expect(ROWS[model], `how to find ${model} rows about a person`).toBeDefined();
      for (const field of Object.keys(fields)) expect(columns()).toContainEqual({ model, field });
    }
  });
});

describe.each(TEST_ENGINES)("issue 25: erasure leaves the access package behind, on %s", (engine) => {
  let gateway: TestGateway;
  let keys: { accounts: string; orders: string };
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    for (const input of [
      { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true },
      { key: "orders", name: "Orders", dataCategories: ["identity"] },
    ]) {
      expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
    }
    keys = {
      accounts: await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" }),
      orders: await gateway.issueKey({ kind: "SERVICE", name: "orders app", dataSystemKey: "orders" }),
    };
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(() => restoreClock());

  async function appsAnswer() {
    for (const token of [keys.accounts, keys.orders]) {
      const pulled = await gateway.execute(PULL, {}, { token });
      for (const task of (pulled.data?.pullRequestTasks ?? []) as { id: string; request: { type: string } }[]) {
        const input =
          task.request.type === "ACCESS"
            ? { taskId: task.id, data: [{ category: "addresses", records: [{ kind: "home", address: HOME }] }] }
            : { taskId: task.id, confirmation: "done" };
        expect((await gateway.execute(COMPLETE, { input }, { token })).errors).toBeUndefined();
      }
    }
  }

  /** A customer with a registered address, a consent with proof, and a completed ACCESS request: its download link. */
  async function customerWithPackage(customer: string, email: string) {
    const registered = await gateway.execute(REGISTER, { input: { subjectId: customer, email, language: "ru" } }, { token: keys.accounts });
    expect(registered.errors).toBeUndefined();
    const session = await gateway.shopperSession(customer);
    const consent = await gateway.execute(
      CONSENT,
      {
        input: {
          subjectId: customer,
          purpose: "marketing",
          decision: "GRANTED",
          channel: "PREFERENCE_CENTRE",
          idempotencyKey: `key-${customer}`,
          tcString: ACCEPT_ALL_TC(),
          gppString: gppString({ usnat: { SaleOptOutNotice: 1, SaleOptOut: 2 } }),
          proof: { userAgent: "Firefox/140", ipAddress: "203.0.113.7", pageUrl: `https://shop.test/me?u=${customer}` },
        },
      },
      { token: session },
    );
    expect(consent.errors).toBeUndefined();
    const access = await gateway.execute(
      SUBMIT,
      { input: { type: "ACCESS", jurisdiction: "DE", details: `all of it, ${email}` } },
      { token: session },
    );
    const requestId = dataOf<{ request: { id: string } }>(access, "submitRequest").request.id;
    await appsAnswer();
    await gateway.deliverMail();
    const completion = gateway.mail.sent.find(
      (mail) => mail.template === "request.completion" && (mail.payload as { requestId?: string }).requestId === requestId,
    );
    const downloadPath = (completion?.payload as { downloadPath?: string } | undefined)?.downloadPath;
    expect(downloadPath).toBeTruthy();
    return { session, requestId, link: `${gateway.baseUrl}${downloadPath}` };
  }

  it("erasure removes the package (its link answers 404) and every personal column of the person", async () => {
    const customer = "cust-erase-1";
    const email = "Erase.Me@example.com";
    const { session, requestId, link } = await customerWithPackage(customer, email);
    const before = await fetch(link);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain(HOME);
    // A question staff answered: the answer is kept with the request (issue 24) and goes with the person.
    const question = await gateway.execute(
      SUBMIT,
      { input: { type: "QUESTION", jurisdiction: "DE", details: "what do you keep?" } },
      { token: session },
    );
    const questionId = dataOf<{ request: { id: string } }>(question, "submitRequest").request.id;
    const answer = `We keep the orders of ${email} for three years.`;
    const answered = await gateway.asStaff("mutation ($id: ID!, $answer: String!) { answerRequest(id: $id, answer: $answer) { answer } }", {
      id: questionId,
      answer,
    });
    expect(answered.data?.answerRequest).toEqual({ answer });

    const erasure = await gateway.execute(SUBMIT, { input: { type: "ERASURE", jurisdiction: "DE" } }, { token: session });
    const erasureId = dataOf<{ request: { id: string } }>(erasure, "submitRequest").request.id;
    await appsAnswer();
    await gateway.deliverMail();
    expect((await gateway.database.prisma.privacyRequest.findUniqueOrThrow({ where: { id: erasureId } })).status).toBe("COMPLETED");

    const after = await fetch(link);
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain(HOME);

    const db = gateway.database.prisma;
    const subject = await db.dataSubject.findFirstOrThrow({ where: { requests: { some: { id: requestId } } } });
    const who: Who = { subjectId: subject.id, externalId: customer, email, requestIds: [requestId, questionId, erasureId] };
    const left: string[] = [];
    for (const [model, fields] of Object.entries(PERSONAL)) {
      const rows = await (ROWS[model] as (typeof ROWS)[string])(db, who);
      for (const [field, erased] of Object.entries(fields)) {
        for (const row of rows) if (!erased({ ...row, value: row[field] }, who)) left.push(`${model}.${field}`);
      }
    }
    expect([...new Set(left)]).toEqual([]);
    // Every copy, in whatever column: no text of the database's personal columns names the person.
    const dump = JSON.stringify(await db.privacyRequest.findMany({ where: { id: { in: who.requestIds } } }));
    expect(dump).not.toContain(HOME);
    expect(dump.toLowerCase()).not.toContain(email.toLowerCase());
  });

  it("a job removes the package and the posted records once the link has expired", async () => {
    const { requestId, link } = await customerWithPackage("cust-expire-1", "expire@example.com");
    const db = gateway.database.prisma;
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { id: requestId } })).exportPackage).not.toBeNull();
    // The tasks no longer hold a second copy of the records once the package is assembled.
    const tasks = await db.requestTask.findMany({ where: { requestId } });
    expect(tasks.map((task) => JSON.stringify(task.result)).join()).not.toContain(HOME);

    expect(await purgeExpiredCopies(db)).toMatchObject({ packages: 0, taskResults: 0 });
    moveClockTo(new Date(Date.now() + 8 * 86_400_000));
    expect((await purgeExpiredCopies(db)).packages).toBeGreaterThanOrEqual(1);
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { id: requestId } })).exportPackage).toBeNull();
    expect((await fetch(link)).status).toBe(404);
  });
});
