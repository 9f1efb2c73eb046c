// Test support: one runnable sample of every query and mutation, and who may run it.
// The authorisation matrix and the tenant-isolation test both walk this table.
import type { CallerKind } from "./caller.ts";

/** The callers the matrix runs as: every kind, plus a shopper asking about someone else. */
export type MatrixCaller = CallerKind | "otherShopper";
export const MATRIX_CALLERS: readonly MatrixCaller[] = [
  "anonymous",
  "storefront",
  "shopper",
  "otherShopper",
  "service",
  "partner",
  "staff",
  "auditor",
];

export type Outcome = "ALLOWED" | "UNAUTHENTICATED" | "FORBIDDEN";

/** What a sample needs from the world it runs in. */
export interface SampleWorld {
  /** The subject the signed-in shopper is; `otherShopper` is someone else. */
  shopperId: string;
  /** A fresh prefix of a key that may be revoked. */
  revocableKeyPrefix(): Promise<string>;
  unique(): string;
  /** A fresh disclosure the person was not told of, a fresh active legal hold, a fresh pending retention task of "orders-app". */
  disclosureId(): Promise<string>;
  legalHoldId(): Promise<string>;
  retentionTaskId(): Promise<string>;
  /** The id of a consent event of the shopper. */
  shopperConsentEventId(): Promise<string>;
  /** A valid unsubscribe link token of the shopper for `marketing`. */
  unsubscribeToken(): Promise<string>;
  /** The tracking token of a fresh request waiting for its e-mailed code. */
  requestToken(): Promise<string>;
  /** A fresh request waiting for its code, with the code that was e-mailed. */
  requestWithCode(): Promise<{ token: string; code: string }>;
  /** The tracking token of a fresh request that has been answered (so it can be escalated). */
  answeredRequestToken(): Promise<string>;
  /** The id of a fresh request waiting for verification. */
  requestId(): Promise<string>;
  /** The key of a fresh registered data system, to retire. */
  retirableSystemKey(): Promise<string>;
  /** The id of a fresh open task of the service key's data system. */
  openTaskId(): Promise<string>;
  /** The id of a fresh notice on the dead-letter list. */
  failedNoticeId(): Promise<string>;
}

export interface OperationSample {
  document: string;
  variables(world: SampleWorld): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Callers not listed are refused: FORBIDDEN, or UNAUTHENTICATED when anonymous. */
  allowed: readonly MatrixCaller[];
  /** Reads personal data or changes something, so each allowed call must leave an audit entry. */
  audited: boolean;
}

const EVERYONE = MATRIX_CALLERS;

export const OPERATION_SAMPLES: Record<string, OperationSample> = {
  "Query.purposes": {
    document: "{ purposes { key legalBasis dataCategories { key } } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.controller": {
    document: "{ controller { name email address } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.viewer": {
    document: "{ viewer { kind tenant } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.consentState": {
    document: "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId purposes { purpose { key } status } } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["shopper", "service", "staff", "auditor"],
    audited: true,
  },
  "Query.consentStates": {
    document:
      'query ($subjectIds: [String!]!) { consentStates(purpose: "marketing", subjectIds: $subjectIds) { subjectId status processingAllowed } }',
    variables: (world) => ({ subjectIds: [world.shopperId, "shopper-2"] }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Query.cookieCategories": {
    document: "{ cookieCategories { key required vendors { name country purposes cookies { name retention } } } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.currentPolicies": {
    document: "query ($language: String) { currentPolicies(language: $language) { id kind version language effectiveAt material } }",
    variables: () => ({ language: "ru" }),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.consentReceipt": {
    document: "query ($subjectId: String!, $eventId: ID!) { consentReceipt(subjectId: $subjectId, eventId: $eventId) }",
    variables: async (world) => ({ subjectId: world.shopperId, eventId: await world.shopperConsentEventId() }),
    allowed: ["shopper", "staff", "auditor"],
    audited: true,
  },
  "Query.consentLedgerVerification": {
    document: "{ consentLedgerVerification { ok verifiedCount headSequence headHash firstBreak { kind sequence eventId } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.consentEventsExport": {
    document:
      "query ($from: DateTime!, $to: DateTime!) { consentEventsExport(from: $from, to: $to, format: CSV) { format count document } }",
    variables: () => ({ from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.apiKeys": {
    document: "{ apiKeys(first: 5) { edges { node { id prefix kind name dataSystem processor revokedAt } } pageInfo { hasNextPage } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.auditLog": {
    document: "{ auditLog(first: 5) { edges { node { id actor operation subjectId requestId occurredAt } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.outbox": {
    document: "{ outbox(first: 5) { edges { node { id template recipient status attempts sentAt } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.recordConsent": {
    document: "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id subjectId decision } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, purpose: "marketing", decision: "GRANTED", channel: "BANNER" } }),
    // A customer's id: the public storefront key is refused (it writes for visitor ids only, see consent.test.ts).
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.recordCookieConsent": {
    document: "mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { id decision cookieCategory { key } } }",
    variables: (world) => ({
      input: { subjectId: world.shopperId, channel: "BANNER", choices: [{ category: "analytics", decision: "GRANTED" }] },
    }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.withdrawAllConsent": {
    document: "mutation ($input: WithdrawAllConsentInput!) { withdrawAllConsent(input: $input) { id decision } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, channel: "PREFERENCE_CENTRE" } }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.reportGpc": {
    document: "mutation ($input: ReportGpcInput!) { reportGpc(input: $input) { kind key recorded reason } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, gpc: true } }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.adoptVisitorConsent": {
    document:
      "mutation ($visitorId: String!, $subjectId: String) { adoptVisitorConsent(visitorId: $visitorId, subjectId: $subjectId) { id } }",
    variables: (world) => ({ visitorId: "visitor:matrix-visitor-0000001", subjectId: world.shopperId }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.registerSubjectContact": {
    document: "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId email language } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, email: `matrix-${world.unique()}@example.com`, language: "ru" } }),
    // The service key of the matrix is the account system's; other apps' keys are refused (subjects/contacts.test.ts).
    allowed: ["service", "staff"],
    audited: true,
  },
  "Query.subjectContact": {
    document: "query ($subjectId: String!) { subjectContact(subjectId: $subjectId) { subjectId email emailVerifiedAt } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Mutation.createDataSystem": {
    document: "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key name dataCategories { key } processor } }",
    variables: (world) => ({ input: { key: `matrix-${world.unique()}`, name: "Matrix system", dataCategories: ["identity"] } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.retireDataSystem": {
    document: "mutation ($key: String!) { retireDataSystem(key: $key) { key retiredAt } }",
    variables: async (world) => ({ key: await world.retirableSystemKey() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.dataSystems": {
    document: "{ dataSystems(first: 5) { edges { node { key name accountSystem retiredAt dataCategories { key } } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Mutation.unsubscribe": {
    document: "mutation ($token: String!) { unsubscribe(token: $token) { purpose { key } recorded withdrawnAt } }",
    variables: async (world) => ({ token: await world.unsubscribeToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.createUnsubscribeToken": {
    document: "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["service", "staff"],
    audited: true,
  },
  "Mutation.publishPolicyVersion": {
    document:
      "mutation ($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { policyVersion { id version } noticesQueued } }",
    variables: (world) => ({
      input: { kind: "PRIVACY", version: `matrix-${world.unique()}`, language: "en", effectiveAt: "2030-01-01T00:00:00Z", material: false },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.requestStatus": {
    document: "query ($token: String!) { requestStatus(token: $token) { id type status dueAt feeCharged authority { name } } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Query.privacyRequests": {
    document: "{ privacyRequests(first: 5) { edges { node { id type status contactEmail dueAt overdue dueSoon subjectId } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.calendarCoverage": {
    document: "{ calendarCoverage { jurisdiction lastCoveredDay daysLeft provisionalRule unpublished { year searchedOn } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.privacyRequest": {
    document: "query ($id: ID!) { privacyRequest(id: $id) { id contactEmail events { toStatus actor } tasks { system status } } }",
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.requestTasks": {
    document: "{ requestTasks(first: 5) { edges { node { id system status request { type subjectId contactEmail } } } } }",
    variables: () => ({}),
    allowed: ["service", "partner", "staff", "auditor"],
    audited: true,
  },
  "Mutation.submitRequest": {
    document: "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id status } } }",
    variables: (world) => ({ input: { type: "QUESTION", jurisdiction: "DE", contactEmail: `matrix-${world.unique()}@example.com` } }),
    // The storefront, a shopper and visitors without an account are the people; staff record requests made by mail or phone.
    allowed: ["anonymous", "storefront", "shopper", "otherShopper", "staff"],
    audited: true,
  },
  "Mutation.verifyRequest": {
    document: "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status verificationMethod } }",
    variables: (world) => world.requestWithCode(),
    // The tracking token and the e-mailed code are the credentials.
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.resendRequestCode": {
    document: "mutation ($token: String!) { resendRequestCode(token: $token) { status } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.withdrawRequest": {
    document: "mutation ($token: String!) { withdrawRequest(token: $token) { status } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.escalateRequest": {
    document: 'mutation ($token: String!) { escalateRequest(token: $token, reason: "not satisfied") { status authority { name } } }',
    variables: async (world) => ({ token: await world.answeredRequestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.transitionRequest": {
    document: "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status rejectionReason } }",
    variables: async (world) => ({ input: { id: await world.requestId(), to: "REJECTED", reason: "identity could not be verified" } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.extendRequestDeadline": {
    document: 'mutation ($id: ID!) { extendRequestDeadline(id: $id, reason: "records in several archives") { dueAt extendedDueAt } }',
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.verifyRequestIdentity": {
    document: 'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-1") { status verificationMethod } }',
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.liftProcessingRestriction": {
    document: "mutation ($subjectId: String!) { liftProcessingRestriction(subjectId: $subjectId) { subjectId restrictedAt } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.pullRequestTasks": {
    document: "mutation { pullRequestTasks(limit: 2) { id system request { type subjectId contactEmail } } }",
    variables: () => ({}),
    allowed: ["service"],
    audited: true,
  },
  "Mutation.completeRequestTask": {
    document: "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { id status } }",
    variables: async (world) => ({ input: { taskId: await world.openTaskId(), confirmation: "marketing e-mails stopped" } }),
    allowed: ["service"],
    audited: true,
  },
  "Mutation.createApiKey": {
    document: "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { token key { prefix kind } } }",
    variables: (world) => ({ input: { kind: "AUDITOR", name: `matrix ${world.unique()}` } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.revokeApiKey": {
    document: "mutation ($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix revokedAt } }",
    variables: async (world) => ({ prefix: await world.revocableKeyPrefix() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.retryNotice": {
    document: "mutation ($id: ID!) { retryNotice(id: $id) { id status } }",
    variables: async (world) => ({ id: await world.failedNoticeId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.processors": {
    document:
      "{ processors(first: 5) { edges { node { id name country contactEmail purposes { key } dataCategories { key } transfers { id } } } } }",
    variables: () => ({}),
    allowed: ["partner", "staff", "auditor"],
    audited: false,
  },
  "Query.transfers": {
    document:
      "{ transfers(first: 5) { edges { node { id destinationCountry mechanisms subjectJurisdictions processor { name } purpose { key } dataCategories { key } startsAt } } } }",
    variables: () => ({}),
    allowed: ["partner", "staff", "auditor"],
    audited: false,
  },
  "Query.whereDoesMyDataGo": {
    document: "{ whereDoesMyDataGo { countryCode countryName recipients purposes } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.disclosures": {
    document:
      "{ disclosures(first: 5) { edges { node { id subjectId authority instrument dataDisclosed subjectNotified notNotifiedReason noticeOwed } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.retentionPolicies": {
    document: "{ retentionPolicies { id dataCategory { key } periodMonths trigger action legalBasis description } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.legalHolds": {
    document: "{ legalHolds(first: 5) { edges { node { id subjectId dataCategory { key } reason expiresAt active } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.retentionRuns": {
    document:
      "{ retentionRuns(first: 5) { edges { node { id dryRun status startedBy counts { dataCategory processed held tasksQueued } } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.retentionTasks": {
    document:
      "{ retentionTasks(first: 5) { edges { node { id dataSystem dataCategory { key } action clockStartBefore heldSubjectIds status } } } }",
    variables: () => ({}),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Query.recordsOfProcessing": {
    document: "{ recordsOfProcessing(format: HTML) }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.auditLogExport": {
    document: "query ($filter: AuditLogFilter) { auditLogExport(filter: $filter, format: CSV) }",
    variables: () => ({ filter: { operation: "recordConsent" } }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.createProcessor": {
    document: "mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id name purposes { key } } }",
    variables: (world) => ({
      input: { name: `Processor ${world.unique()}`, country: "SG", purposes: ["orders_and_trading"], dataCategories: ["identity"] },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.recordTransfer": {
    document: "mutation ($input: RecordTransferInput!) { recordTransfer(input: $input) { id destinationCountry mechanisms } }",
    variables: () => ({
      input: {
        processor: "Acme Cloud",
        purpose: "orders_and_trading",
        destinationCountry: "SG",
        dataCategories: ["identity", "orders"],
        subjectJurisdictions: ["CN"],
        mechanisms: ["PIPL_STANDARD_CONTRACT"],
        separateConsentObtained: true,
        individualNoticeGiven: true,
        startsAt: "2026-01-01T00:00:00.000Z",
      },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.recordDisclosure": {
    document: "mutation ($input: RecordDisclosureInput!) { recordDisclosure(input: $input) { id noticeOwed } }",
    variables: (world) => ({
      input: {
        subjectId: world.shopperId,
        authority: "District court",
        instrument: "COURT_ORDER",
        legalBasis: "Civil procedure code, art. 57",
        dataDisclosed: "identity, orders",
        disclosedAt: "2026-03-01T00:00:00.000Z",
        subjectNotified: false,
        notNotifiedReason: "non-disclosure order",
        noticeAllowedAfter: "2026-06-01T00:00:00.000Z",
      },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.recordDisclosureNotice": {
    document: "mutation ($id: ID!) { recordDisclosureNotice(id: $id) { id noticeGivenAt noticeOwed } }",
    variables: async (world) => ({ id: await world.disclosureId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.setRetentionPolicy": {
    document: "mutation ($input: SetRetentionPolicyInput!) { setRetentionPolicy(input: $input) { id periodMonths description } }",
    variables: () => ({ input: { dataCategory: "support", trigger: "REQUEST_CLOSED", action: "DELETE", legalBasis: "LEGAL_OBLIGATION" } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.placeLegalHold": {
    document: "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id subjectId active } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, reason: "pending litigation" } }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.releaseLegalHold": {
    document: "mutation ($id: ID!) { releaseLegalHold(id: $id) { id releasedAt active } }",
    variables: async (world) => ({ id: await world.legalHoldId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.sweepRetention": {
    document: "mutation { sweepRetention(dryRun: true) { id dryRun status counts { dataCategory processed held tasksQueued } } }",
    variables: () => ({}),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.completeRetentionTask": {
    document: "mutation ($id: ID!) { completeRetentionTask(id: $id) { id status completedAt } }",
    variables: async (world) => ({ id: await world.retentionTaskId() }),
    allowed: ["service", "staff"],
    audited: true,
  },
};

export function expectedOutcome(sample: OperationSample, caller: MatrixCaller): Outcome {
  if (sample.allowed.includes(caller)) return "ALLOWED";
  return caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
}
