import {
  AnswerRequestDocument,
  AssignRequestDocument,
  CalendarCoverageDocument,
  CloseWithdrawalDestructionDocument,
  CompleteRequestTaskDocument,
  EscalateRequestDocument,
  ExtendRequestDeadlineDocument,
  PrivacyRequestDetailDocument,
  PrivacyRequestsDocument,
  PullRequestTasksDocument,
  RefusalGroundsDocument,
  RequestStatusDocument,
  RequestTasksDocument,
  ResendRequestCodeDocument,
  SubmitRequestDocument,
  TransitionRequestDocument,
  VerifyRequestDocument,
  VerifyRequestIdentityDocument,
  WithdrawalDestructionsDocument,
  WithdrawRequestDocument,
} from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type {
  ApplicableRefusalGround,
  CalendarCoverage,
  PrivacyRequest,
  PrivacyRequestDetail,
  PrivacyRequestQueue,
  PrivacyRequestQueueFilter,
  RefusalGround,
  RequestProgress,
  RequestStatus,
  RequestTask,
  RequestTaskList,
  RequestTaskListFilter,
  SubmitRequestInput,
  SubmittedRequest,
  TaskResult,
  WithdrawalDestruction,
  WithdrawalDestructionOutcome,
} from "../types.ts";

/** A data-subject request as the person makes and follows it: storefront, shopper session or no credentials. */
export interface PersonRequestsApi {
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
}

/** Data-subject requests, as the person and as privacy staff. */
export interface RequestsApi extends PersonRequestsApi {
  /** Staff: the queue, earliest deadline first. */
  queue(filter?: PrivacyRequestQueueFilter): Promise<PrivacyRequestQueue>;
  /** Staff and auditors: one request with its history, what each data system answered and the notices sent about it. */
  get(id: string): Promise<PrivacyRequestDetail>;
  /** Staff: gives the request to a member of staff by their `subject` (`staff.members()`), or to nobody with null. */
  assign(id: string, assignee: string | null): Promise<PrivacyRequest>;
  /** Staff: moves a request; a rejection goes through `reject`, a question or complaint is completed by `answer`. */
  transition(id: string, to: RequestStatus, reason?: string): Promise<PrivacyRequest>;
  /**
   * Staff: refuses a request on a legal ground from the list for its law, which the notice cites to the person;
   * `reason` adds staff's own words (required with grounds that name no law themselves).
   */
  reject(id: string, ground: RefusalGround, reason?: string): Promise<PrivacyRequest>;
  /**
   * Staff and auditors: the grounds `reject` accepts for a request under `jurisdiction` (its `jurisdiction`, e.g. RU,
   * DE, US-CA), its law's own first, then those of every law; `needsReason` says the reason is required with it.
   */
  refusalGrounds(jurisdiction: string): Promise<ApplicableRefusalGround[]>;
  /** Staff: answers a question or complaint and completes it; the answer is kept with the request and sent to the person. */
  answer(id: string, answer: string): Promise<PrivacyRequest>;
  /** Staff: extends the deadline where the law allows, with the reasons sent to the person. */
  extend(id: string, reason: string): Promise<PrivacyRequest>;
  /** Staff: records a third-party identity-document check. */
  verifyIdentity(id: string, check: { provider: string; reference: string }): Promise<PrivacyRequest>;
  /** Staff and auditors: how far each working-day calendar reaches; later deadlines are provisional. */
  calendarCoverage(): Promise<CalendarCoverage[]>;
  /**
   * Staff and auditors: destructions owed after a 152-FZ consent withdrawal (Art. 21(5), 30 days), open ones by
   * default, earliest deadline first.
   */
  withdrawalDestructions(filter?: { open?: boolean; first?: number }): Promise<WithdrawalDestruction[]>;
  /** Staff: closes one, once: the data was destroyed, or another basis allows keeping it (`basis` required). */
  closeWithdrawalDestruction(id: string, outcome: WithdrawalDestructionOutcome, basis?: string): Promise<WithdrawalDestruction>;
}

/** A company app's share of requests, with its service key. */
export interface TasksApi {
  /** Claims up to `limit` open tasks of the app's data system; safe from several instances at once. */
  pull(limit?: number): Promise<RequestTask[]>;
  /** Posts exported data (access, portability) or a confirmation (the other types). */
  complete(result: TaskResult): Promise<RequestTask>;
  /** Lists tasks without claiming them: a partner key sees its processor's systems, a service key its own, staff all. */
  list(filter?: RequestTaskListFilter): Promise<RequestTaskList>;
}

export function personRequestsApi(request: TypedRequest): PersonRequestsApi {
  return {
    submit: async (input) => (await request(SubmitRequestDocument, { input })).submitRequest,
    verify: async (token, code) => (await request(VerifyRequestDocument, { token, code })).verifyRequest,
    resendCode: async (token) => (await request(ResendRequestCodeDocument, { token })).resendRequestCode,
    status: async (token) => (await request(RequestStatusDocument, { token })).requestStatus,
    withdraw: async (token) => (await request(WithdrawRequestDocument, { token })).withdrawRequest,
    escalate: async (token, reason) => (await request(EscalateRequestDocument, { token, reason: reason ?? null })).escalateRequest,
  };
}

export function requestsApi(request: TypedRequest): RequestsApi {
  return {
    ...personRequestsApi(request),
    queue: async (filter = {}) => (await request(PrivacyRequestsDocument, filter)).privacyRequests,
    get: async (id) => (await request(PrivacyRequestDetailDocument, { id })).privacyRequest,
    assign: async (id, assignee) => (await request(AssignRequestDocument, { id, assignee })).assignRequest,
    transition: async (id, to, reason) =>
      (await request(TransitionRequestDocument, { input: { id, to, reason: reason ?? null } })).transitionRequest,
    reject: async (id, refusalGround, reason) =>
      (await request(TransitionRequestDocument, { input: { id, to: "REJECTED", refusalGround, reason: reason ?? null } }))
        .transitionRequest,
    refusalGrounds: async (jurisdiction) => (await request(RefusalGroundsDocument, { jurisdiction })).refusalGrounds,
    answer: async (id, answer) => (await request(AnswerRequestDocument, { id, answer })).answerRequest,
    extend: async (id, reason) => (await request(ExtendRequestDeadlineDocument, { id, reason })).extendRequestDeadline,
    verifyIdentity: async (id, { provider, reference }) =>
      (await request(VerifyRequestIdentityDocument, { id, provider, reference })).verifyRequestIdentity,
    calendarCoverage: async () => (await request(CalendarCoverageDocument)).calendarCoverage,
    withdrawalDestructions: async ({ open, first } = {}) =>
      (await request(WithdrawalDestructionsDocument, { open: open ?? null, first: first ?? null })).withdrawalDestructions,
    closeWithdrawalDestruction: async (id, outcome, basis) =>
      (await request(CloseWithdrawalDestructionDocument, { id, outcome, basis: basis ?? null })).closeWithdrawalDestruction,
  };
}

export function tasksApi(request: TypedRequest): TasksApi {
  return {
    pull: async (limit) => (await request(PullRequestTasksDocument, { limit: limit ?? null })).pullRequestTasks,
    complete: async (input) => (await request(CompleteRequestTaskDocument, { input })).completeRequestTask,
    list: async (filter = {}) => (await request(RequestTasksDocument, filter)).requestTasks,
  };
}
