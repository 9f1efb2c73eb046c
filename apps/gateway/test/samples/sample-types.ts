// What a runnable sample of one operation is, and the world it runs in.
import type { CallerKind } from "../../src/ground/caller.ts";

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
  /** A fresh disclosure the person was not told of, a fresh active legal hold, a fresh pending retention task of "orders-app". */
  disclosureId(): Promise<string>;
  legalHoldId(): Promise<string>;
  retentionTaskId(): Promise<string>;
  /** The id of a consent event of the shopper. */
  shopperConsentEventId(): Promise<string>;
  /** A valid unsubscribe link token of the shopper for `marketing`. */
  unsubscribeToken(): Promise<string>;
  /** The tracking token of a fresh request waiting for its e-mailed code. */
  requestToken(): Promise<string>;
  /** A fresh request waiting for its code, with the code that was e-mailed. */
  requestWithCode(): Promise<{ token: string; code: string }>;
  /** The tracking token of a fresh request that has been answered (so it can be escalated). */
  answeredRequestToken(): Promise<string>;
  /** The id of a fresh request waiting for verification. */
  requestId(): Promise<string>;
  /** The id of a fresh question, waiting for staff's answer. */
  questionId(): Promise<string>;
  /** The key of a fresh registered data system, to retire. */
  retirableSystemKey(): Promise<string>;
  /** The id of a fresh open task of the service key's data system. */
  openTaskId(): Promise<string>;
  /** The id of a fresh open destruction owed after a Russian customer withdrew consent (152-FZ Art. 21 part 5). */
  withdrawalDestructionId(): Promise<string>;
  /** The id of a fresh notice on the dead-letter list. */
  failedNoticeId(): Promise<string>;
  /** The id of a fresh active webhook endpoint, to disable. */
  webhookEndpointId(): Promise<string>;
  /** The id of a fresh webhook delivery on the dead-letter list (its receiver is down). */
  failedWebhookDeliveryId(): Promise<string>;
}

export interface OperationSample {
  document: string;
  variables(world: SampleWorld): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Callers not listed are refused: FORBIDDEN, or UNAUTHENTICATED when anonymous. */
  allowed: readonly MatrixCaller[];
  /** Reads personal data or changes something, so each allowed call must leave an audit entry. */
  audited: boolean;
}

/** Anyone, signed in or not. */
export const EVERYONE = MATRIX_CALLERS;
