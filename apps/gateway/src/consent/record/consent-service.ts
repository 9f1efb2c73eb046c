import {
  type ConsentChannel,
  type ConsentDecision,
  type ConsentEvent,
  LegalBasis,
  type PolicyKind,
  type TenantScopedPrisma,
  type TenantTransaction,
} from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { cachedCatalogue } from "../../catalogue/catalogue-cache.ts";
import { CustosError } from "../../ground/errors.ts";
import { openWithdrawalDestructions } from "../../requests/deadlines/withdrawal-destructions.ts";
import { contradictedGrant, type DecodedSignals, decodeSignals, gppOptsOut } from "./iab-signals.ts";
import { earlierWrite, type IdempotencyClaim, idempotencyClaim, rememberWrite } from "./idempotency.ts";
import { chainDecision } from "./ledger-sequencer.ts";
import { ensureSubject, inLedger, type LedgerCaller, type NewConsentEvent, withLedgerLock } from "./ledger-writer.ts";
import { type ProofInput, storedProof } from "./proof.ts";

const MAX_SIGNAL_STRING_LENGTH = 4096;

/** What every decision carries besides its target and answer. */
export interface DecisionCircumstances {
  /** The app's opaque id for the person. */
  subjectId: string;
  channel: ConsentChannel;
  jurisdiction: string | null;
  /** The policy version shown; null means the version in effect now. */
  policyVersionId: string | null;
  proof: ProofInput | null;
  /** Whether the GPC signal was on when the person decided (GPC precedence rule 5). */
  gpc: boolean | null;
  tcString: string | null;
  gppString: string | null;
  idempotencyKey: string | null;
}

export interface ConsentDecisionInput extends DecisionCircumstances {
  purposeKey: string;
  decision: ConsentDecision;
  expiresAt: Date | null;
}

export interface CookieChoicesInput extends DecisionCircumstances {
  choices: readonly { categoryKey: string; decision: ConsentDecision }[];
  expiresAt: Date | null;
}

/** The purposes by key, from the catalogue shared for a second (catalogue-cache.ts). */
function purposesByKey(db: Pick<TenantScopedPrisma, "purpose">) {
  return cachedCatalogue(db as TenantScopedPrisma, "purposes by key", async () => {
    const purposes = await db.purpose.findMany();
    return new Map(purposes.map((purpose) => [purpose.key, purpose]));
  });
}

/** The consent-based purpose with this key: UNKNOWN_PURPOSE or CONSENT_NOT_APPLICABLE otherwise. */
export async function consentPurpose(db: Pick<TenantScopedPrisma, "purpose">, _tenantId: string, key: string) {
  const purpose = (await purposesByKey(db)).get(key);
  if (!purpose) throw new CustosError("UNKNOWN_PURPOSE", `There is no purpose with key "${key}"; the purposes query lists them.`);
  if (purpose.legalBasis !== LegalBasis.CONSENT) {
    throw new CustosError(
      "CONSENT_NOT_APPLICABLE",
      `Purpose "${key}" rests on ${purpose.legalBasis}, not consent, so no consent is recorded for it.`,
    );
  }
  return purpose;
}

function checkedString(value: string | null, field: string, max: number): string | null {
  if (value !== null && value.length > max) throw new CustosError("INVALID_CONSENT_INPUT", `${field} is longer than ${max} characters.`);
  return value === "" ? null : value;
}

/** Checks what a decision comes with, and decodes its IAB strings: a call with an invalid one is refused here, first. */
function checkCircumstances(input: DecisionCircumstances, expiresAt: Date | null, now: Date): DecodedSignals {
  if (input.channel === "GPC_SIGNAL") {
    throw new CustosError("INVALID_CONSENT_INPUT", "GPC_SIGNAL decisions are recorded by reportGpc, which applies the precedence rule.");
  }
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
    throw new CustosError("INVALID_CONSENT_INPUT", "expiresAt must be in the future.");
  }
  const tcString = checkedString(input.tcString, "tcString", MAX_SIGNAL_STRING_LENGTH);
  const gppString = checkedString(input.gppString, "gppString", MAX_SIGNAL_STRING_LENGTH);
  return decodeSignals({ tcString, gppString });
}

/** A grant that the TC string sent with it denies is refused (iab-signals.ts says why); a withdrawal never is. */
function refuseContradiction(key: string, decision: ConsentDecision, signals: DecodedSignals): void {
  if (contradictedGrant(key, decision, signals.tcf)) {
    throw new CustosError(
      "TC_STRING_CONTRADICTS_DECISION",
      `The decision grants "${key}", but the TC string sent with it gives no consent for the TCF purposes it stands for.`,
    );
  }
}

/** The version given (which must exist and be of the right kind), else the version of that kind in effect now. */
export async function policyVersionShown(
  db: Pick<TenantScopedPrisma, "policyVersion">,
  kind: PolicyKind,
  givenId: string | null,
  now: Date,
) {
  const versions = await cachedCatalogue(db as TenantScopedPrisma, "policy versions shown", () =>
    db.policyVersion.findMany({
      select: { id: true, kind: true, effectiveAt: true, publishedAt: true },
      orderBy: [{ effectiveAt: "desc" }, { publishedAt: "desc" }],
    }),
  );
  if (givenId !== null) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(givenId);
    // A version published a moment ago by another process is not in the shared list yet: then the database answers.
    const version = !isUuid
      ? null
      : (versions.find((candidate) => candidate.id === givenId) ?? (await db.policyVersion.findUnique({ where: { id: givenId } })));
    if (!version || version.kind !== kind) {
      throw new CustosError("UNKNOWN_POLICY_VERSION", `There is no ${kind} policy version with that id; currentPolicies lists them.`);
    }
    return version.id;
  }
  // Newest first, by when it takes effect and then by when it was published.
  return versions.find((version) => version.kind === kind && version.effectiveAt <= now)?.id ?? null;
}

/** The claim of a write's idempotency key, over everything it was sent with but the key. */
function claimOf(ctx: LedgerCaller, operation: Parameters<typeof idempotencyClaim>[1], input: { idempotencyKey: string | null }) {
  const { idempotencyKey, ...payload } = input;
  return idempotencyClaim(ctx, operation, idempotencyKey, payload);
}

/**
 * Appends a write's events unless the same claim recorded them before (then those are returned); the ledger lock
 * makes the check and the write atomic.
 */
async function appendOnce(
  tx: TenantTransaction,
  tenantId: string,
  claim: IdempotencyClaim | null,
  subjectId: string,
  append: () => Promise<ConsentEvent[]>,
): Promise<ConsentEvent[]> {
  const earlier = claim && (await earlierWrite(tx, claim, subjectId));
  if (earlier) return earlier;
  const events = await append();
  if (claim) await rememberWrite(tx, tenantId, claim, subjectId, events);
  return events;
}

function eventFields(input: DecisionCircumstances, keyPepper: string, signals: DecodedSignals) {
  return {
    channel: input.channel,
    jurisdiction: input.jurisdiction,
    proof: storedProof(input.proof, keyPepper),
    // A GPP opt-out of sale, sharing or targeted advertising counts as the GPC signal being on (GPC precedence rule).
    gpc: gppOptsOut(signals.gpp) ? true : input.gpc,
    tcString: input.tcString,
    gppString: input.gppString,
  } satisfies Partial<NewConsentEvent>;
}

/**
 * Appends one decision for one consent-based purpose and moves the subject's current state with it. The purpose and
 * the policy version are settled first (from the shared catalogue); the tenant's sequencer then finds or creates the
 * subject and chains the decision with the others waiting (ledger-sequencer.ts), and answers once they committed.
 */
export async function recordConsentDecision(db: TenantScopedPrisma, ctx: LedgerCaller, input: ConsentDecisionInput): Promise<ConsentEvent> {
  const { tenantId } = ctx;
  const now = new Date();
  const signals = checkCircumstances(input, input.expiresAt, now);
  refuseContradiction(input.purposeKey, input.decision, signals);
  const claim = claimOf(ctx, "recordConsent", input);
  const fields = eventFields(input, ctx.keyPepper, signals);
  const purpose = await consentPurpose(db, tenantId, input.purposeKey);
  const policyVersionId = await policyVersionShown(db, "PRIVACY", input.policyVersionId, now);
  const event = await chainDecision(db, tenantId, {
    ctx,
    claim,
    auditOperation: "recordConsent",
    externalSubjectId: input.subjectId,
    event: {
      ...fields,
      target: { kind: "PURPOSE", id: purpose.id },
      decision: input.decision,
      policyVersionId,
      expiresAt: input.decision === "GRANTED" ? input.expiresAt : null,
    },
  });
  // Just after the batch that chained it committed (the daily reminder opens any a crash left out): 152-FZ Art. 21 part 5.
  if (event.decision === "WITHDRAWN") await openWithdrawalDestructions(db, tenantId, [event]);
  return event;
}

/** `recordConsentDecision` inside the caller's transaction, so the decision commits with the caller's other writes or not at all. */
export async function recordConsentDecisionIn(
  tx: TenantTransaction,
  ctx: LedgerCaller,
  input: ConsentDecisionInput,
): Promise<ConsentEvent> {
  const { tenantId } = ctx;
  const now = new Date();
  const signals = checkCircumstances(input, input.expiresAt, now);
  refuseContradiction(input.purposeKey, input.decision, signals);
  const claim = claimOf(ctx, "recordConsent", input);
  const fields = eventFields(input, ctx.keyPepper, signals);
  return inLedger(tx, tenantId, async (tx, ledger) => {
    const purpose = await consentPurpose(tx, tenantId, input.purposeKey);
    const policyVersionId = await policyVersionShown(tx, "PRIVACY", input.policyVersionId, now);
    const subject = await ensureSubject(tx, tenantId, input.subjectId);
    const [event] = await appendOnce(tx, tenantId, claim, subject.id, async () => [
      await ledger.append({
        ...fields,
        subjectId: subject.id,
        target: { kind: "PURPOSE", id: purpose.id },
        decision: input.decision,
        policyVersionId,
        // Taken under the ledger lock, so events are stamped in the order they are chained.
        occurredAt: new Date(),
        expiresAt: input.decision === "GRANTED" ? input.expiresAt : null,
      }),
    ]);
    if (!event) throw new Error("a recorded decision has no event");
    await recordAudit(tx, ctx, { operation: "recordConsent", subjectId: subject.id });
    return event;
  });
}

/** The storefront banner's answer per cookie category; strictly necessary categories cannot be refused. */
export async function recordCookieChoices(db: TenantScopedPrisma, ctx: LedgerCaller, input: CookieChoicesInput): Promise<ConsentEvent[]> {
  const { tenantId } = ctx;
  const now = new Date();
  const signals = checkCircumstances(input, input.expiresAt, now);
  for (const choice of input.choices) refuseContradiction(choice.categoryKey, choice.decision, signals);
  if (input.choices.length === 0) throw new CustosError("INVALID_CONSENT_INPUT", "choices must name at least one cookie category.");
  const categories = await db.cookieCategory.findMany({ where: { key: { in: input.choices.map((choice) => choice.categoryKey) } } });
  const byKey = new Map(categories.map((category) => [category.key, category]));
  const targets = input.choices.map((choice) => {
    const category = byKey.get(choice.categoryKey);
    if (!category) {
      throw new CustosError("UNKNOWN_COOKIE_CATEGORY", `There is no cookie category "${choice.categoryKey}"; cookieCategories lists them.`);
    }
    if (category.required) {
      throw new CustosError("CONSENT_NOT_APPLICABLE", `Cookie category "${category.key}" is strictly necessary: it needs no consent.`);
    }
    return { category, decision: choice.decision };
  });
  if (new Set(targets.map(({ category }) => category.id)).size !== targets.length) {
    throw new CustosError("INVALID_CONSENT_INPUT", "choices names a cookie category twice.");
  }
  const policyVersionId = await policyVersionShown(db, "COOKIE", input.policyVersionId, now);
  const fields = eventFields(input, ctx.keyPepper, signals);
  const claim = claimOf(ctx, "recordCookieConsent", input);
  return withLedgerLock(db, tenantId, async (tx, ledger) => {
    const subject = await ensureSubject(tx, tenantId, input.subjectId);
    const events = await appendOnce(tx, tenantId, claim, subject.id, async () => {
      const occurredAt = new Date();
      const appended: ConsentEvent[] = [];
      for (const { category, decision } of targets) {
        appended.push(
          await ledger.append({
            ...fields,
            subjectId: subject.id,
            target: { kind: "COOKIE_CATEGORY", id: category.id },
            decision,
            policyVersionId,
            occurredAt,
            expiresAt: decision === "GRANTED" ? input.expiresAt : null,
          }),
        );
      }
      return appended;
    });
    await recordAudit(tx, ctx, { operation: "recordCookieConsent", subjectId: subject.id });
    return events;
  });
}

export interface WithdrawAllInput {
  subjectId: string;
  channel: ConsentChannel;
  jurisdiction: string | null;
  proof: ProofInput | null;
  idempotencyKey: string | null;
}

/**
 * Withdraws every consent the person has given, purposes and optional cookie categories alike, in one call (P7:
 * withdrawing is as easy as granting). Targets not currently granted are left alone, so a repeat records nothing.
 */
export async function withdrawAllConsent(db: TenantScopedPrisma, ctx: LedgerCaller, input: WithdrawAllInput): Promise<ConsentEvent[]> {
  const { tenantId } = ctx;
  const now = new Date();
  const circumstances = { ...input, policyVersionId: null, gpc: null, tcString: null, gppString: null };
  const signals = checkCircumstances(circumstances, null, now);
  const [privacyVersionId, cookieVersionId] = await Promise.all([
    policyVersionShown(db, "PRIVACY", null, now),
    policyVersionShown(db, "COOKIE", null, now),
  ]);
  const fields = eventFields(circumstances, ctx.keyPepper, signals);
  const claim = claimOf(ctx, "withdrawAllConsent", input);
  return withLedgerLock(db, tenantId, async (tx, ledger) => {
    const subject = await tx.dataSubject.findUnique({
      where: { tenantId_externalId: { tenantId, externalId: input.subjectId } },
      select: {
        id: true,
        consentStates: { where: { decision: "GRANTED" }, select: { purpose: { select: { id: true } } } },
        cookieConsentStates: { where: { decision: "GRANTED" }, select: { cookieCategory: { select: { id: true } } } },
      },
    });
    await recordAudit(tx, ctx, { operation: "withdrawAllConsent", subjectId: subject?.id });
    if (!subject) return [];
    const targets = [
      ...subject.consentStates.map(({ purpose }) => ({ kind: "PURPOSE" as const, id: purpose.id })),
      ...subject.cookieConsentStates.map(({ cookieCategory }) => ({ kind: "COOKIE_CATEGORY" as const, id: cookieCategory.id })),
    ];
    return appendOnce(tx, tenantId, claim, subject.id, async () => {
      const occurredAt = new Date();
      const events: ConsentEvent[] = [];
      for (const target of targets) {
        events.push(
          await ledger.append({
            ...fields,
            subjectId: subject.id,
            target,
            decision: "WITHDRAWN",
            policyVersionId: target.kind === "PURPOSE" ? privacyVersionId : cookieVersionId,
            occurredAt,
            expiresAt: null,
          }),
        );
      }
      return events;
    });
  });
}
