// `@custos/sdk/apps`: a company app's surface, with its service key (cus_svc_…): the data-subject request tasks and
// retention tasks of its data system, the customer's contact (the account system), and consent checks before processing,
// one subject at a time or many for one purpose (`consent.getMany`).
import { type CatalogueApi, catalogueApi, type PolicyApi, policyApi, viewerOf } from "./api/catalogue.ts";
import { type ConsentApi, consentApi } from "./api/consent.ts";
import { type SubjectsApi, subjectsApi } from "./api/registers.ts";
import { type TasksApi, tasksApi } from "./api/requests.ts";
import { type RetentionApi, retentionApi } from "./api/retention.ts";
import { type ClientOptions, createRequest, type Request } from "./request.ts";
import type { Viewer } from "./types.ts";

export interface AppClient {
  catalogue: CatalogueApi;
  consent: Pick<
    ConsentApi,
    | "get"
    | "getMany"
    | "set"
    | "withdrawAll"
    | "adoptVisitor"
    | "createUnsubscribeToken"
    | "receipt"
    | "tcfPermission"
    | "signedReceipt"
    | "marketingSuppressed"
  >;
  policy: Pick<PolicyApi, "current" | "controller">;
  subjects: SubjectsApi;
  tasks: TasksApi;
  retention: RetentionApi;
  viewer(): Promise<Viewer>;
  request: Request;
}

export function createAppClient(options: ClientOptions): AppClient {
  const request = createRequest(options);
  return {
    catalogue: catalogueApi(request),
    consent: consentApi(request),
    policy: policyApi(request),
    subjects: subjectsApi(request),
    tasks: tasksApi(request),
    retention: retentionApi(request),
    viewer: () => viewerOf(request),
    request,
  };
}

export type { CatalogueApi, PolicyApi } from "./api/catalogue.ts";
export type { ConsentApi } from "./api/consent.ts";
export type { SubjectsApi } from "./api/registers.ts";
export type { TasksApi } from "./api/requests.ts";
export type { RetentionApi } from "./api/retention.ts";
export { CustosError, type CustosErrorCode, type GraphqlError } from "./custos-error.ts";
export type { CallOptions, ClientOptions, Request, TypedRequest } from "./request.ts";
export type { RetryOptions } from "./retry.ts";
export type {
  ConsentEvent,
  ExportedCategory,
  ExportValue,
  HeldData,
  RequestTask,
  RequestTaskList,
  RequestTaskListFilter,
  RetentionAction,
  RetentionTask,
  RetentionTaskList,
  RetentionTaskListFilter,
  RetentionTrigger,
  SubjectConsent,
  SubjectContact,
  SubjectPurposeConsent,
  TaskResult,
  Viewer,
} from "./types.ts";
