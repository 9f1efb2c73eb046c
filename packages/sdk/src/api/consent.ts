import {
  AdoptVisitorConsentDocument,
  ConsentEventsExportDocument,
  ConsentLedgerVerificationDocument,
  ConsentReceiptDocument,
  ConsentStateDocument,
  ConsentStatesDocument,
  CookieCategoriesDocument,
  CreateUnsubscribeTokenDocument,
  MarketingSuppressedDocument,
  RecordConsentDocument,
  RecordCookieConsentDocument,
  ReportGpcDocument,
  SignedConsentReceiptDocument,
  SubjectConsentEventsDocument,
  TcfPermissionDocument,
  UnsubscribeDocument,
  WithdrawAllConsentDocument,
} from "../../generated/graphql.ts";
import { withIdempotencyKey } from "../idempotency-key.ts";
import type { TypedRequest } from "../request.ts";
import type {
  ConsentEvent,
  ConsentEventsExport,
  ConsentExportFormat,
  ConsentLedgerVerification,
  ConsentReceipt,
  CookieCategory,
  GpcOutcome,
  RecordConsentInput,
  RecordCookieConsentInput,
  ReportGpcInput,
  SubjectConsent,
  SubjectConsentEventPage,
  SubjectPurposeConsent,
  TcfPermission,
  UnsubscribeResult,
  WithdrawAllConsentInput,
} from "../types.ts";
import type { SignedReceipt } from "../verify/receipt.ts";

export interface ConsentApi {
  /**
   * The subject's current consent for every consent-based purpose and cookie category: check `processingAllowed`. Each
   * decided one's `eventId` is the event behind it, what `signedReceipt` takes.
   */
  get(subjectId: string): Promise<SubjectConsent>;
  /**
   * Many subjects' current consent for one purpose, one entry per id in the order given: the check before a campaign
   * (company apps, staff and auditors). At most 10 000 ids per call (`TOO_MANY_SUBJECTS` beyond): split a longer list.
   * An id the gateway has never seen answers `NOT_ASKED`; the call leaves one audit entry, not one per subject.
   */
  getMany(purpose: string, subjectIds: readonly string[]): Promise<SubjectPurposeConsent[]>;
  /**
   * Records a grant or withdrawal; only purposes whose legal basis is CONSENT accept one. A publishable key records for
   * visitor ids only (`createVisitorId()`); a customer's consent needs their shopper session or a company app's key.
   * Without an `idempotencyKey` the SDK makes one, so its retries record the decision once.
   */
  set(input: RecordConsentInput): Promise<ConsentEvent>;
  /** At sign-in: carries the visitor's choices to the customer (a shopper session names itself; apps and staff pass `subjectId`). */
  adoptVisitor(visitorId: string, subjectId?: string): Promise<ConsentEvent[]>;
  /** Withdraws every purpose and optional cookie category the subject has granted; returns the withdrawals. */
  withdrawAll(input: WithdrawAllConsentInput): Promise<ConsentEvent[]>;
  /** Reports the browser's Global Privacy Control signal; an opt-out of sale, sharing and targeted advertising. */
  reportGpc(input: ReportGpcInput): Promise<GpcOutcome[]>;
  /** The ISO/IEC TS 27560 receipt (W3C DPV JSON-LD) for one of the subject's events. */
  receipt(subjectId: string, eventId: string): Promise<ConsentReceipt>;
  /**
   * The receipt signed by the controller, with the proof that its event is in a signed checkpoint of the public consent
   * log: what the person downloads (`JSON.stringify` it), checked offline with `verifyReceipt` from `@custos/sdk/verify`.
   */
  signedReceipt(subjectId: string, eventId: string): Promise<SignedReceipt>;
  /** Follows an unsubscribe link: withdraws the purpose it names, no credentials needed. */
  unsubscribe(token: string): Promise<UnsubscribeResult>;
  /** A token for an unsubscribe link in an e-mail (service and staff keys); `purpose` defaults to `marketing`. */
  createUnsubscribeToken(subjectId: string, purpose?: string): Promise<string>;
  /**
   * May IAB vendor `vendorId` use TCF purpose `purpose` (1 to 11) for the subject, now or at `at`? From the last TC
   * string the subject's decisions came with by then, unless a withdrawal standing for it was recorded since (company
   * apps, staff and auditors). Check `allowed`; `reason` says why.
   */
  tcfPermission(subjectId: string, vendorId: number, purpose: number, at?: Date | string): Promise<TcfPermission>;
  /**
   * Whether marketing to this address must not be sent: its owner objected to direct marketing by address alone
   * (company apps, staff, auditors). Check it beside consent before each campaign.
   */
  marketingSuppressed(email: string): Promise<boolean>;
  /** Re-hashes the whole ledger and reports the first broken link (staff and auditors). */
  verifyLedger(): Promise<ConsentLedgerVerification>;
  /** Events of [from, to) as CSV or JSON, at most 10 000 (staff and auditors). */
  export(range: { from: string; to: string }, format: ConsentExportFormat): Promise<ConsentEventsExport>;
  /**
   * One person's events, newest first, a page at a time (staff and auditors; each read is audited naming the person):
   * pass `pageInfo.endCursor` as `after` for the next. Each event's `id` is what `signedReceipt` takes.
   */
  events(subjectId: string, page?: { first?: number; after?: string }): Promise<SubjectConsentEventPage>;
}

export interface CookiesApi {
  /** The cookie categories with the companies that place cookies in each; names and descriptions in `language` (`ru`) where written. */
  catalogue(language?: string): Promise<CookieCategory[]>;
  /** Records the banner's choice per cookie category; an `idempotencyKey` is made when none is given. */
  set(input: RecordCookieConsentInput): Promise<ConsentEvent[]>;
}

export function consentApi(request: TypedRequest): ConsentApi {
  return {
    get: async (subjectId) => (await request(ConsentStateDocument, { subjectId })).consentState,
    getMany: async (purpose, subjectIds) => (await request(ConsentStatesDocument, { purpose, subjectIds: [...subjectIds] })).consentStates,
    set: async (input) => (await request(RecordConsentDocument, { input: withIdempotencyKey(input) })).recordConsent,
    adoptVisitor: async (visitorId, subjectId) =>
      (await request(AdoptVisitorConsentDocument, { visitorId, subjectId: subjectId ?? null })).adoptVisitorConsent,
    withdrawAll: async (input) => (await request(WithdrawAllConsentDocument, { input: withIdempotencyKey(input) })).withdrawAllConsent,
    reportGpc: async (input) => (await request(ReportGpcDocument, { input })).reportGpc,
    receipt: async (subjectId, eventId) =>
      JSON.parse((await request(ConsentReceiptDocument, { subjectId, eventId })).consentReceipt) as ConsentReceipt,
    signedReceipt: async (subjectId, eventId) =>
      JSON.parse((await request(SignedConsentReceiptDocument, { subjectId, eventId })).signedConsentReceipt) as SignedReceipt,
    unsubscribe: async (token) => (await request(UnsubscribeDocument, { token })).unsubscribe,
    createUnsubscribeToken: async (subjectId, purpose) =>
      (await request(CreateUnsubscribeTokenDocument, { subjectId, purpose: purpose ?? null })).createUnsubscribeToken,
    tcfPermission: async (subjectId, vendorId, purpose, at) =>
      (await request(TcfPermissionDocument, { subjectId, vendorId, purpose, at: at === undefined ? null : new Date(at).toISOString() }))
        .tcfPermission,
    marketingSuppressed: async (email) => (await request(MarketingSuppressedDocument, { email })).marketingSuppressed,
    verifyLedger: async () => (await request(ConsentLedgerVerificationDocument)).consentLedgerVerification,
    export: async ({ from, to }, format) => (await request(ConsentEventsExportDocument, { from, to, format })).consentEventsExport,
    events: async (subjectId, { first, after } = {}) =>
      (await request(SubjectConsentEventsDocument, { subjectId, first: first ?? null, after: after ?? null })).subjectConsentEvents,
  };
}

export function cookiesApi(request: TypedRequest): CookiesApi {
  return {
    catalogue: async (language) => (await request(CookieCategoriesDocument, { language: language ?? null })).cookieCategories,
    set: async (input) => (await request(RecordCookieConsentDocument, { input: withIdempotencyKey(input) })).recordCookieConsent,
  };
}
