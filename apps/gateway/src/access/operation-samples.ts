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
