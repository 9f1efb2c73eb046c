import {
  AdoptVisitorConsentDocument,
  CalendarCoverageDocument,
  CompleteRequestTaskDocument,
  ConsentEventsExportDocument,
  ConsentLedgerVerificationDocument,
  ConsentReceiptDocument,
  ConsentStateDocument,
  CookieCategoriesDocument,
  CreateDataSystemDocument,
  CreateUnsubscribeTokenDocument,
  CurrentPoliciesDocument,
  DataSystemsDocument,
  EscalateRequestDocument,
  ExtendRequestDeadlineDocument,
  PrivacyRequestsDocument,
  ProcessorsDocument,
  PublishPolicyVersionDocument,
  PullRequestTasksDocument,
  PurposesDocument,
  RecordConsentDocument,
  RecordCookieConsentDocument,
  RegisterSubjectContactDocument,
  ReportGpcDocument,
  RequestStatusDocument,
  RequestTasksDocument,
  ResendRequestCodeDocument,
  RetireDataSystemDocument,
  SubjectContactDocument,
  SubmitRequestDocument,
  TransfersDocument,
  TransitionRequestDocument,
  UnsubscribeDocument,
  VerifyRequestDocument,
  VerifyRequestIdentityDocument,
  WhereDoesMyDataGoDocument,
  WithdrawAllConsentDocument,
  WithdrawRequestDocument,
} from "../generated/graphql.ts";
import { type ClientOptions, createRequest, type TypedRequest } from "./request.ts";
import type {
  CalendarCoverage,
  ConsentEvent,
  ConsentEventsExport,
  ConsentExportFormat,
  ConsentLedgerVerification,
  ConsentReceipt,
  CookieCategory,
  CreateDataSystemInput,
  DataDestination,
  DataSystem,
  DataSystemListFilter,
  GpcOutcome,
  PolicyVersion,
  PrivacyRequest,
  PrivacyRequestQueue,
  PrivacyRequestQueueFilter,
  Processor,
  PublishedPolicyVersion,
  PublishPolicyVersionInput,
  Purpose,
  RecordConsentInput,
  RecordCookieConsentInput,
  RegisterSubjectContactInput,
  ReportGpcInput,
  RequestProgress,
  RequestStatus,
  RequestTask,
  RequestTaskList,
  RequestTaskListFilter,
  SubjectConsent,
  SubjectContact,
  SubmitRequestInput,
  SubmittedRequest,
  TaskResult,
  Transfer,
  UnsubscribeResult,
  WithdrawAllConsentInput,
} from "./types.ts";

/** The registers are short lists; one page of the gateway's largest size holds them. */
const REGISTER_PAGE = 100;

export interface CustosClient {
  catalogue: {
    /** The purposes of processing, in the privacy policy's order. */
    purposes(): Promise<Purpose[]>;
  };
  consent: {
    /** The subject's current consent for every consent-based purpose and cookie category: check `processingAllowed`. */
    get(subjectId: string): Promise<SubjectConsent>;
    /**
     * Records a grant or withdrawal; only purposes whose legal basis is CONSENT accept one. A publishable key records for
     * visitor ids only (`createVisitorId()`); a customer's consent needs their shopper session or a company app's key.
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
    /** Follows an unsubscribe link: withdraws the purpose it names, no credentials needed. */
    unsubscribe(token: string): Promise<UnsubscribeResult>;
    /** A token for an unsubscribe link in an e-mail (service and staff keys); `purpose` defaults to `marketing`. */
    createUnsubscribeToken(subjectId: string, purpose?: string): Promise<string>;
    /** Re-hashes the whole ledger and reports the first broken link (staff and auditors). */
    verifyLedger(): Promise<ConsentLedgerVerification>;
    /** Events of [from, to) as CSV or JSON, at most 10 000 (staff and auditors). */
    export(range: { from: string; to: string }, format: ConsentExportFormat): Promise<ConsentEventsExport>;
  };
  cookies: {
    /** The cookie categories with the companies that place cookies in each. */
    catalogue(): Promise<CookieCategory[]>;
    /** Records the banner's choice per cookie category. */
    set(input: RecordCookieConsentInput): Promise<ConsentEvent[]>;
  };
  policy: {
    /** The privacy and cookie policy versions in effect now, preferring `language` where published in it. */
    current(language?: string): Promise<PolicyVersion[]>;
    /** Publishes a version (staff); a material one e-mails affected people and makes earlier consents need renewal. */
    publish(input: PublishPolicyVersionInput): Promise<PublishedPolicyVersion>;
  };
  transfers: {
    /** Where personal data goes abroad today: countries, recipients and purposes. Any caller, anonymous included: the storefront's view. */
    whereDoesMyDataGo(): Promise<DataDestination[]>;
    /** The transfer register (first 100 entries). Staff and auditors see all; a partner key sees the transfers naming it. */
    list(): Promise<Transfer[]>;
  };
  processors: {
    /** The processor register (first 100 entries). Staff and auditors see all; a partner key sees its own entry. */
    list(): Promise<Processor[]>;
  };
  /** Where a customer's codes and notices go. The account system's service key and staff register; staff and auditors read. */
  subjects: {
    /** Registers or replaces the customer's verified e-mail (and language); `email: null` removes it. Audited. */
    registerContact(input: RegisterSubjectContactInput): Promise<SubjectContact>;
    contact(subjectId: string): Promise<SubjectContact>;
  };
  /** The register of data systems (staff create and retire; staff and auditors list). */
  systems: {
    create(input: CreateDataSystemInput): Promise<DataSystem>;
    /** Active systems, or all with `includeRetired` (first 100). */
    list(filter?: DataSystemListFilter): Promise<DataSystem[]>;
    retire(key: string): Promise<DataSystem>;
  };
  /** Data-subject requests, as the person (storefront, shopper session or no credentials) and as privacy staff. */
  requests: {
    /** Records a request; keep `trackingToken`: it is how the person follows, verifies, withdraws or escalates it. */
    submit(input: SubmitRequestInput): Promise<SubmittedRequest>;
    /** Enters the one-time code e-mailed to the person. */
    verify(trackingToken: string, code: string): Promise<RequestProgress>;
    /** E-mails a fresh code; earlier codes stop working. */
    resendCode(trackingToken: string): Promise<RequestProgress>;
    status(trackingToken: string): Promise<RequestProgress>;
    withdraw(trackingToken: string): Promise<RequestProgress>;
    /** The person is unhappy with the answer; the result names the data-protection authority to complain to. */
    escalate(trackingToken: string, reason?: string): Promise<RequestProgress>;
    /** Staff: the queue, earliest deadline first. */
    queue(filter?: PrivacyRequestQueueFilter): Promise<PrivacyRequestQueue>;
    /** Staff: moves a request; REJECTED needs a reason, which is sent to the person. */
    transition(id: string, to: RequestStatus, reason?: string): Promise<PrivacyRequest>;
    /** Staff: extends the deadline where the law allows, with the reasons sent to the person. */
    extend(id: string, reason: string): Promise<PrivacyRequest>;
    /** Staff: records a third-party identity-document check. */
    verifyIdentity(id: string, check: { provider: string; reference: string }): Promise<PrivacyRequest>;
    /** Staff and auditors: how far each working-day calendar reaches; later deadlines are provisional. */
    calendarCoverage(): Promise<CalendarCoverage[]>;
  };
  /** A company app's share of requests, with its service key. */
  tasks: {
    /** Claims up to `limit` open tasks of the app's data system; safe from several instances at once. */
    pull(limit?: number): Promise<RequestTask[]>;
    /** Posts exported data (access, portability) or a confirmation (the other types). */
    complete(result: TaskResult): Promise<RequestTask>;
    /** Lists tasks without claiming them: a partner key sees its processor's systems, a service key its own, staff all. */
    list(filter?: RequestTaskListFilter): Promise<RequestTaskList>;
  };
  /** Runs any typed document against the gateway, e.g. one generated by GraphQL Code Generator. */
  request: TypedRequest;
}

export function createClient(options: ClientOptions): CustosClient {
  const request = createRequest(options);
  return {
    catalogue: {
      purposes: async () => (await request(PurposesDocument)).purposes,
    },
    consent: {
      get: async (subjectId) => (await request(ConsentStateDocument, { subjectId })).consentState,
      set: async (input) => (await request(RecordConsentDocument, { input })).recordConsent,
      adoptVisitor: async (visitorId, subjectId) =>
        (await request(AdoptVisitorConsentDocument, { visitorId, subjectId: subjectId ?? null })).adoptVisitorConsent,
      withdrawAll: async (input) => (await request(WithdrawAllConsentDocument, { input })).withdrawAllConsent,
      reportGpc: async (input) => (await request(ReportGpcDocument, { input })).reportGpc,
      receipt: async (subjectId, eventId) =>
        JSON.parse((await request(ConsentReceiptDocument, { subjectId, eventId })).consentReceipt) as ConsentReceipt,
      unsubscribe: async (token) => (await request(UnsubscribeDocument, { token })).unsubscribe,
      createUnsubscribeToken: async (subjectId, purpose) =>
        (await request(CreateUnsubscribeTokenDocument, { subjectId, purpose: purpose ?? null })).createUnsubscribeToken,
      verifyLedger: async () => (await request(ConsentLedgerVerificationDocument)).consentLedgerVerification,
      export: async ({ from, to }, format) => (await request(ConsentEventsExportDocument, { from, to, format })).consentEventsExport,
    },
    cookies: {
      catalogue: async () => (await request(CookieCategoriesDocument)).cookieCategories,
      set: async (input) => (await request(RecordCookieConsentDocument, { input })).recordCookieConsent,
    },
    policy: {
      current: async (language) => (await request(CurrentPoliciesDocument, { language: language ?? null })).currentPolicies,
      publish: async (input) => (await request(PublishPolicyVersionDocument, { input })).publishPolicyVersion,
    },
    transfers: {
      whereDoesMyDataGo: async () => (await request(WhereDoesMyDataGoDocument)).whereDoesMyDataGo,
      list: async () => (await request(TransfersDocument, { first: REGISTER_PAGE })).transfers.edges.map((edge) => edge.node),
    },
    processors: {
      list: async () => (await request(ProcessorsDocument, { first: REGISTER_PAGE })).processors.edges.map((edge) => edge.node),
    },
    subjects: {
      registerContact: async (input) => (await request(RegisterSubjectContactDocument, { input })).registerSubjectContact,
      contact: async (subjectId) => (await request(SubjectContactDocument, { subjectId })).subjectContact,
    },
    systems: {
      create: async (input) => (await request(CreateDataSystemDocument, { input })).createDataSystem,
      list: async (filter = {}) =>
        (await request(DataSystemsDocument, { first: REGISTER_PAGE, ...filter })).dataSystems.edges.map((edge) => edge.node),
      retire: async (key) => (await request(RetireDataSystemDocument, { key })).retireDataSystem,
    },
    requests: {
      submit: async (input) => (await request(SubmitRequestDocument, { input })).submitRequest,
      verify: async (token, code) => (await request(VerifyRequestDocument, { token, code })).verifyRequest,
      resendCode: async (token) => (await request(ResendRequestCodeDocument, { token })).resendRequestCode,
      status: async (token) => (await request(RequestStatusDocument, { token })).requestStatus,
      withdraw: async (token) => (await request(WithdrawRequestDocument, { token })).withdrawRequest,
      escalate: async (token, reason) => (await request(EscalateRequestDocument, { token, reason: reason ?? null })).escalateRequest,
      queue: async (filter = {}) => (await request(PrivacyRequestsDocument, filter)).privacyRequests,
      transition: async (id, to, reason) =>
        (await request(TransitionRequestDocument, { input: { id, to, reason: reason ?? null } })).transitionRequest,
      extend: async (id, reason) => (await request(ExtendRequestDeadlineDocument, { id, reason })).extendRequestDeadline,
      verifyIdentity: async (id, { provider, reference }) =>
        (await request(VerifyRequestIdentityDocument, { id, provider, reference })).verifyRequestIdentity,
      calendarCoverage: async () => (await request(CalendarCoverageDocument)).calendarCoverage,
    },
    tasks: {
      pull: async (limit) => (await request(PullRequestTasksDocument, { limit: limit ?? null })).pullRequestTasks,
      complete: async (input) => (await request(CompleteRequestTaskDocument, { input })).completeRequestTask,
      list: async (filter = {}) => (await request(RequestTasksDocument, filter)).requestTasks,
    },
    request,
  };
}
