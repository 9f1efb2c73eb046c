// The SDK's public data types, derived from the operations' generated types so they follow the schema.
import type {
  AuditLogQuery,
  CalendarCoverageQuery,
  ConsentEventFieldsFragment,
  ConsentEventsExportQuery,
  ConsentLedgerVerificationQuery,
  ConsentStateQuery,
  ConsentStatesQuery,
  ControllerQuery,
  CookieCategoriesQuery,
  CurrentPoliciesQuery,
  DataSystemFieldsFragment,
  DataSystemsQueryVariables,
  DestructionOutcome,
  DisclosuresQuery,
  LegalHoldsQuery,
  NoticeFieldsFragment,
  NoticesQuery,
  OutboxStatus,
  PrivacyRequestDetailQuery,
  PrivacyRequestFieldsFragment,
  PrivacyRequestsQuery,
  PrivacyRequestsQueryVariables,
  ProcessorsQuery,
  PublishPolicyVersionMutation,
  PurposesQuery,
  RefusalGroundsQuery,
  RegisterWebhookEndpointMutation,
  ReportGpcMutation,
  RequestProgressFieldsFragment,
  RequestTaskFieldsFragment,
  RequestTasksQuery,
  RequestTasksQueryVariables,
  RetentionRunsQuery,
  RetentionTaskFieldsFragment,
  RetentionTasksQuery,
  RetentionTasksQueryVariables,
  StaffMembersQuery,
  SubjectConsentEventsQuery,
  SubjectContactFieldsFragment,
  SubmitRequestMutation,
  TcfPermissionQuery,
  TransfersQuery,
  UnsubscribeMutation,
  ViewerQuery,
  WebhookDeliveriesQuery,
  WebhookDeliveryFieldsFragment,
  WebhookEndpointFieldsFragment,
  WhereDoesMyDataGoQuery,
  WithdrawalDestructionFieldsFragment,
} from "../generated/graphql.ts";

export type {
  CallerKind,
  ChainBreakKind,
  ConsentChannel,
  ConsentDecision,
  ConsentExportFormat,
  ConsentProofInput,
  ConsentStatus,
  ConsentTargetKind,
  CookieChoiceInput,
  CreateDataSystemInput,
  GpcOutcomeReason,
  LegalBasis,
  PolicyKind,
  PublishPolicyVersionInput,
  RecordConsentInput,
  RecordCookieConsentInput,
  RefusalGround,
  RegisterSubjectContactInput,
  ReportGpcInput,
  RetentionAction,
  RetentionTrigger,
  TransferMechanism,
  WithdrawAllConsentInput,
} from "../generated/graphql.ts";

/** A purpose of processing from the privacy policy, with its legal basis and the data it uses. */
export type Purpose = PurposesQuery["purposes"][number];
export type DataCategory = Purpose["dataCategories"][number];

/** A subject's current consent across every consent-based purpose and cookie category, with restriction. */
export type SubjectConsent = ConsentStateQuery["consentState"];
/** The current answer for one purpose; check `processingAllowed` before processing. */
export type PurposeConsent = SubjectConsent["purposes"][number];
/** The current choice for one cookie category; strictly necessary ones are always allowed. */
export type CookieCategoryConsent = SubjectConsent["cookieCategories"][number];
/** One subject's current consent for the purpose a bulk check (`consent.getMany`) asked about. */
export type SubjectPurposeConsent = ConsentStatesQuery["consentStates"][number];
/** Whether one IAB vendor may use one TCF purpose for one person at one time (`consent.tcfPermission`). */
export type TcfPermission = TcfPermissionQuery["tcfPermission"];

/** One recorded consent decision, as the ledger stored it, with its place in the hash chain. */
export type ConsentEvent = ConsentEventFieldsFragment;
/** A page of one person's consent events, newest first, for staff and auditors. */
export type SubjectConsentEventPage = SubjectConsentEventsQuery["subjectConsentEvents"];

/** What one GPC report did to one purpose or cookie category in its scope. */
export type GpcOutcome = ReportGpcMutation["reportGpc"][number];

export type UnsubscribeResult = UnsubscribeMutation["unsubscribe"];

/** A cookie category with the companies that place cookies in it. */
export type CookieCategory = CookieCategoriesQuery["cookieCategories"][number];
export type CookieVendor = CookieCategory["vendors"][number];

export type PolicyVersion = CurrentPoliciesQuery["currentPolicies"][number];
export type PublishedPolicyVersion = PublishPolicyVersionMutation["publishPolicyVersion"];

export type ConsentLedgerVerification = ConsentLedgerVerificationQuery["consentLedgerVerification"];
export type ConsentEventsExport = ConsentEventsExportQuery["consentEventsExport"];

/**
 * An ISO/IEC TS 27560 consent receipt as profiled by W3C DPV (JSON-LD): the fields an app usually reads are typed,
 * the rest is kept as sent.
 */
export interface ConsentReceipt {
  "@context": Record<string, unknown>;
  "@id": string;
  "@type": "dpv:ConsentReceipt";
  "dct:identifier": string;
  "dct:conformsTo": { "@id": string };
  "dct:created": string;
  "dpv:hasRecordOfActivity": {
    "@id": string;
    "@type": "dpv:ConsentRecord";
    "dct:identifier": string;
    "dpv:hasConsentStatus": { "@type": string | string[]; "dpv:isIndicatedAtTime": string; [field: string]: unknown }[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** A country personal data goes to, who receives it there, and for which purposes. */
export type DataDestination = WhereDoesMyDataGoQuery["whereDoesMyDataGo"][number];

/** One entry of the transfer register, with its legal mechanisms. */
export type Transfer = TransfersQuery["transfers"]["edges"][number]["node"];

/** One entry of the processor register. */
export type Processor = ProcessorsQuery["processors"]["edges"][number]["node"];

export type {
  DueState,
  RequestConcerns,
  RequestStatus,
  RequestType,
  SubmitRequestInput,
  TaskStatus,
  VerificationMethod,
} from "../generated/graphql.ts";

/** A request as the person who made it sees it: progress, deadline, and the authority they may complain to. */
export type RequestProgress = RequestProgressFieldsFragment;
export type DataProtectionAuthority = NonNullable<RequestProgress["authority"]>;
/** A recorded request and the token its maker follows it with. */
export type SubmittedRequest = SubmitRequestMutation["submitRequest"];

/** One data system's share of a request, as its app receives it. */
export type RequestTask = RequestTaskFieldsFragment;
export type RequestTaskList = RequestTasksQuery["requestTasks"];
export type RequestTaskListFilter = RequestTasksQueryVariables;

/** A cell of an exported record: what a CSV cell can hold. */
export type ExportValue = string | number | boolean | null;
/** The records an app holds about the person in one data category. */
export interface ExportedCategory {
  category: string;
  records: Record<string, ExportValue>[];
}
/** What an app posts back: `data` for access and portability tasks, `confirmation` for the others. */
export interface TaskResult {
  taskId: string;
  data?: ExportedCategory[];
  confirmation?: string;
}

/** A request with deadline, verification, history and tasks, as privacy staff see it. */
export type PrivacyRequest = PrivacyRequestFieldsFragment;
export type PrivacyRequestQueue = PrivacyRequestsQuery["privacyRequests"];
export type PrivacyRequestQueueFilter = PrivacyRequestsQueryVariables;

/** How far one curated working-day calendar reaches; deadlines that count later days are provisional. */
export type CalendarCoverage = CalendarCoverageQuery["calendarCoverage"][number];

/** A destruction owed after a 152-FZ consent withdrawal, with its own deadline. */
export type WithdrawalDestruction = WithdrawalDestructionFieldsFragment;
/** How staff closed one: DESTROYED, or OTHER_BASIS with the basis that allows keeping the data. */
export type WithdrawalDestructionOutcome = DestructionOutcome;
/** A legal ground a refusal under one law may cite: the ground, what it cites, and whether staff's reason must go with it. */
export type ApplicableRefusalGround = RefusalGroundsQuery["refusalGrounds"][number];

/** Where a customer's codes and notices go: the verified address the account system registered. */
export type SubjectContact = SubjectContactFieldsFragment;

/** One entry of the data-system register: every active one gets a task for each data-subject request. */
export type DataSystem = DataSystemFieldsFragment;
export type DataSystemListFilter = DataSystemsQueryVariables;

/** Data a legal hold keeps through an erasure: do not erase this category (null: nothing), and why. */
export type HeldData = RequestTask["request"]["legalHolds"][number];

/** The company responsible for the personal data, and its privacy contact (policy P17). */
export type Controller = ControllerQuery["controller"];

/** Who the gateway takes the caller to be. */
export type Viewer = ViewerQuery["viewer"];

/** Erasure a data system owes for its copy of one data category, queued by a retention sweep. */
export type RetentionTask = RetentionTaskFieldsFragment;
export type RetentionTaskList = RetentionTasksQuery["retentionTasks"];
export type RetentionTaskListFilter = RetentionTasksQueryVariables;

/** A request as the privacy desk opens it: with what each data system answered and the notices sent about it. */
export type PrivacyRequestDetail = PrivacyRequestDetailQuery["privacyRequest"];

/** A person who signed in through the company's OpenID provider as staff or auditor. */
export type StaffMember = StaffMembersQuery["staffMembers"][number];

/** An e-mail notice and its delivery state. */
export type Notice = NoticeFieldsFragment;
export type NoticeList = NoticesQuery["outbox"];
export type NoticeStatus = OutboxStatus;

/** A recipient told of consent changes and requests, with how many deliveries it acknowledged and has not. */
export type WebhookEndpoint = WebhookEndpointFieldsFragment;
/** A newly registered recipient with its signing secret, shown this once. */
export type RegisteredWebhookEndpoint = RegisterWebhookEndpointMutation["registerWebhookEndpoint"];
/** One consent change or request told to one recipient, and whether it acknowledged. */
export type WebhookDelivery = WebhookDeliveryFieldsFragment;
export type WebhookDeliveryList = WebhookDeliveriesQuery["webhookDeliveries"];

/** One entry of the disclosure register. */
export type Disclosure = DisclosuresQuery["disclosures"]["edges"][number]["node"];
/** A legal hold: data kept through erasure and retention, and why. */
export type LegalHold = LegalHoldsQuery["legalHolds"]["edges"][number]["node"];
/** A retention sweep and what it did per data category. */
export type RetentionRun = RetentionRunsQuery["retentionRuns"]["edges"][number]["node"];

/** One page of the audit log. */
export type AuditLogPage = AuditLogQuery["auditLog"];
export type AuditLogEntry = AuditLogPage["edges"][number]["node"];

export type {
  AuditExportFormat,
  AuditLogFilter,
  OutboxStatus,
  ProcessingRecordFormat,
  WebhookDeliveryStatus,
} from "../generated/graphql.ts";
