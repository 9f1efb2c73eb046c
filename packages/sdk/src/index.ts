// The whole SDK: staff and auditors use all of it (`@custos/sdk/staff` is the same surface); the storefront and company
// apps have smaller entry points of their own (`@custos/sdk/storefront`, `@custos/sdk/apps`).
export type { CatalogueApi, PolicyApi } from "./api/catalogue.ts";
export type { ConsentApi, CookiesApi } from "./api/consent.ts";
export type { ProcessorsApi, SubjectsApi, SystemsApi, TransfersApi } from "./api/registers.ts";
export type { PersonRequestsApi, RequestsApi, TasksApi } from "./api/requests.ts";
export type { RetentionApi } from "./api/retention.ts";
export type { AppClient } from "./apps.ts";
export { createAppClient } from "./apps.ts";
export { type CustosClient, createClient } from "./client.ts";
export { CUSTOS_ERROR_CODES, CustosError, type CustosErrorCode, type GraphqlError } from "./custos-error.ts";
export type { CallOptions, ClientOptions, Request, TypedRequest } from "./request.ts";
export type { RetryOptions } from "./retry.ts";
export {
  type ConsentChoice,
  type ConsentManager,
  type ConsentManagerOptions,
  type ConsentSnapshot,
  createConsentManager,
} from "./storefront/consent-manager.ts";
export { createStorefrontClient, type StorefrontClient } from "./storefront.ts";
export type { TypedDocument, VariablesArgument } from "./typed-document.ts";
export type {
  CalendarCoverage,
  CallerKind,
  ChainBreakKind,
  ConsentChannel,
  ConsentDecision,
  ConsentEvent,
  ConsentEventsExport,
  ConsentExportFormat,
  ConsentLedgerVerification,
  ConsentProofInput,
  ConsentReceipt,
  ConsentStatus,
  ConsentTargetKind,
  Controller,
  CookieCategory,
  CookieCategoryConsent,
  CookieChoiceInput,
  CookieVendor,
  CreateDataSystemInput,
  DataCategory,
  DataDestination,
  DataProtectionAuthority,
  DataSystem,
  DataSystemListFilter,
  DueState,
  ExportedCategory,
  ExportValue,
  GpcOutcome,
  GpcOutcomeReason,
  HeldData,
  LegalBasis,
  PolicyKind,
  PolicyVersion,
  PrivacyRequest,
  PrivacyRequestQueue,
  PrivacyRequestQueueFilter,
  Processor,
  PublishedPolicyVersion,
  PublishPolicyVersionInput,
  Purpose,
  PurposeConsent,
  RecordConsentInput,
  RecordCookieConsentInput,
  RegisterSubjectContactInput,
  ReportGpcInput,
  RequestConcerns,
  RequestProgress,
  RequestStatus,
  RequestTask,
  RequestTaskList,
  RequestTaskListFilter,
  RequestType,
  RetentionAction,
  RetentionTask,
  RetentionTaskList,
  RetentionTaskListFilter,
  RetentionTrigger,
  SubjectConsent,
  SubjectContact,
  SubjectPurposeConsent,
  SubmitRequestInput,
  SubmittedRequest,
  TaskResult,
  TaskStatus,
  TcfPermission,
  Transfer,
  TransferMechanism,
  UnsubscribeResult,
  VerificationMethod,
  Viewer,
  WithdrawAllConsentInput,
} from "./types.ts";
export { createVisitorId } from "./visitor-id.ts";
