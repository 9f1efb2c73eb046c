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
  /** The tracking token of a fresh request waiting for its e-mailed code. */
  requestToken(): Promise<string>;
  /** A fresh request waiting for its code, with the code that was e-mailed. */
  requestWithCode(): Promise<{ token: string; code: string }>;
  /** The tracking token of a fresh request that has been answered (so it can be escalated). */
  answeredRequestToken(): Promise<string>;
  /** The id of a fresh request waiting for verification. */
  requestId(): Promise<string>;
  /** The id of a fresh open task of the service key's data system. */
  openTaskId(): Promise<string>;
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
    allowed: ["storefront", "shopper", "staff"],
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
};

export function expectedOutcome(sample: OperationSample, caller: MatrixCaller): Outcome {
  if (sample.allowed.includes(caller)) return "ALLOWED";
  return caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
}
