export { type CustosClient, createClient } from "./client.ts";
export { CustosError, type CustosErrorCode, type GraphqlError } from "./custos-error.ts";
export type { ClientOptions, TypedRequest } from "./request.ts";
export type { TypedDocument, VariablesArgument } from "./typed-document.ts";
export type {
  ConsentChannel,
  ConsentDecision,
  ConsentEvent,
  ConsentStatus,
  DataCategory,
  DataProtectionAuthority,
  DueState,
  ExportedCategory,
  ExportValue,
  LegalBasis,
  PrivacyRequest,
  PrivacyRequestQueue,
  PrivacyRequestQueueFilter,
  Purpose,
  PurposeConsent,
  RecordConsentInput,
  RequestProgress,
  RequestStatus,
  RequestTask,
  RequestTaskList,
  RequestTaskListFilter,
  RequestType,
  SubjectConsent,
  SubmitRequestInput,
  SubmittedRequest,
  TaskResult,
  TaskStatus,
  VerificationMethod,
} from "./types.ts";
