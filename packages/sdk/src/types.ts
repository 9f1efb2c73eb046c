// The SDK's public data types, derived from the operations' generated types so they follow the schema.
import type {
  ConsentStateQuery,
  PrivacyRequestFieldsFragment,
  PrivacyRequestsQuery,
  PrivacyRequestsQueryVariables,
  PurposesQuery,
  RecordConsentMutation,
  RequestProgressFieldsFragment,
  RequestTaskFieldsFragment,
  RequestTasksQuery,
  RequestTasksQueryVariables,
  SubmitRequestMutation,
} from "../generated/graphql.ts";

export type {
  ConsentChannel,
  ConsentDecision,
  ConsentStatus,
  LegalBasis,
  RecordConsentInput,
} from "../generated/graphql.ts";

/** A purpose of processing from the privacy policy, with its legal basis and the data it uses. */
export type Purpose = PurposesQuery["purposes"][number];
export type DataCategory = Purpose["dataCategories"][number];

/** A subject's current consent across every consent-based purpose. */
export type SubjectConsent = ConsentStateQuery["consentState"];
/** The current answer for one purpose; `channel` and `decidedAt` are null while NOT_ASKED. */
export type PurposeConsent = SubjectConsent["purposes"][number];

/** One recorded consent decision, as the ledger stored it. */
export type ConsentEvent = RecordConsentMutation["recordConsent"];

export type {
  DueState,
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
