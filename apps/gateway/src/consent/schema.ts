import { ConsentChannel, ConsentDecision } from "@custos/db";
import { PurposeRef } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import { parseJurisdiction } from "../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { PolicyVersionRef } from "../policies/schema.ts";
import { CookieCategoryRef } from "./cookies/cookie-catalogue-schema.ts";
import type { DecisionCircumstances } from "./record/consent-service.ts";
import { decodeSignals } from "./record/iab-signals.ts";
import type { ProofInput } from "./record/proof.ts";

export const ConsentDecisionEnum = builder.enumType(ConsentDecision, {
  name: "ConsentDecision",
  description: "What the person decided about a purpose or cookie category.",
  values: {
    GRANTED: { description: "The person agreed." },
    WITHDRAWN: { description: "The person refused, or took back an earlier agreement." },
  },
});

export const ConsentChannelEnum = builder.enumType(ConsentChannel, {
  name: "ConsentChannel",
  description: "Where the person made the decision. GPC_SIGNAL is recorded only by reportGpc.",
  values: {
    BANNER: { description: "The storefront's consent or cookie banner." },
    PREFERENCE_CENTRE: { description: "The person's privacy or marketing preferences page." },
    UNSUBSCRIBE_LINK: { description: "An unsubscribe link in an e-mail (the unsubscribe mutation)." },
    SUPPORT_AGENT: { description: "Told to customer support, who recorded it for the person." },
    API: { description: "Recorded by a company app for a decision made elsewhere." },
    GPC_SIGNAL: { description: "The browser's Global Privacy Control signal, reported with reportGpc." },
  },
});

export const ConsentStatusEnum = builder.enumType("ConsentStatus", {
  values: {
    GRANTED: { description: "Agreed, and the agreement is in force: processing that rests on consent may go ahead." },
    WITHDRAWN: { description: "Refused or taken back." },
    EXPIRED: { description: "Agreed, but the agreement's validity has ended." },
    NEEDS_RENEWAL: { description: "Agreed under a policy version that a later material version has replaced: ask again." },
    NOT_ASKED: { description: "The person has never decided." },
  } as const,
  description:
    "The current answer for one purpose or cookie category. EXPIRED: the grant's validity ended. NEEDS_RENEWAL: a later " +
    "material version of the policy it was given under has taken effect. NOT_ASKED: the person has never decided.",
});

builder.prismaObject("ConsentEvent", {
  description: "One consent decision in the append-only, hash-chained ledger.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The event's id, which consentReceipt takes." }),
    subjectId: t.string({
      description: "The app's id for the person who decided.",
      select: { subject: { select: { externalId: true } } },
      resolve: (event) => event.subject.externalId,
    }),
    purpose: t.relation("purpose", { type: PurposeRef, nullable: true, description: "The purpose decided on; null for a cookie choice." }),
    cookieCategory: t.relation("cookieCategory", {
      type: CookieCategoryRef,
      nullable: true,
      description: "The cookie category decided on; null for a purpose.",
    }),
    decision: t.expose("decision", { type: ConsentDecisionEnum, description: "Granted or withdrawn." }),
    channel: t.expose("channel", { type: ConsentChannelEnum, description: "Where the decision was made." }),
    jurisdiction: t.exposeString("jurisdiction", {
      nullable: true,
      description: "ISO 3166 code of the law the decision was made under, e.g. RU or US-CA; null when not given.",
    }),
    policyVersion: t.relation("policyVersion", { type: PolicyVersionRef, nullable: true, description: "The policy version shown." }),
    occurredAt: t.expose("occurredAt", { type: "DateTime", description: "When the decision was recorded." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses, as recorded; null for no date of its own.",
    }),
    gpc: t.exposeBoolean("gpc", { nullable: true, description: "Whether the Global Privacy Control signal was on." }),
    iabSignals: t.field({
      type: "JSON",
      nullable: true,
      description:
        "The TC and GPP strings the event came with, decoded with the IAB's libraries: `tcf` (CMP, policy version, purpose " +
        "consents and legitimate interests, vendor consents and legitimate interests, special feature opt-ins) and `gpp` " +
        "(section ids, each section's fields, opt-outs of sale, sharing and targeted advertising); null when it came with " +
        "neither, or they were erased.",
      select: { tcString: true, gppString: true },
      resolve: (event) => {
        if (!event.tcString && !event.gppString) return null;
        try {
          return decodeSignals(event);
        } catch {
          // Stored before strings were checked: kept as sent, but not readable as signals.
          return null;
        }
      },
    }),
    sequence: t.exposeInt("sequence", { description: "Position in the controller's hash chain." }),
    hash: t.exposeString("hash", { description: "SHA-256 link of this event in the chain; quoted in its receipt." }),
  }),
});

export const ConsentProofInput = builder.inputType("ConsentProofInput", {
  description: "Evidence of how the decision was made. The IP address is truncated and keyed-hashed before it is stored.",
  fields: (t) => ({
    userAgent: t.string({ required: false, description: "The browser's User-Agent, at most 2048 characters." }),
    ipAddress: t.string({
      required: false,
      description: "The person's IPv4 or IPv6 address; only its network part (/24, /48), keyed-hashed, is kept.",
    }),
    pageUrl: t.string({ required: false, description: "The page the decision was made on, at most 2048 characters." }),
  }),
});

export const decisionFields = {
  jurisdiction: "ISO 3166 code of the law the decision is made under, e.g. RU or US-CA.",
  policyVersion: "Id of the policy version shown; the version in effect now when omitted.",
  idempotencyKey: "A key of the client's choosing: a retried request with the same key records nothing new and returns the first result.",
  gpc: "Whether the browser's Global Privacy Control signal was on when the person decided.",
};

interface CircumstanceArgs {
  subjectId: string;
  channel: ConsentChannel;
  jurisdiction?: string | null;
  policyVersion?: string | number | null;
  idempotencyKey?: string | null;
  gpc?: boolean | null;
  tcString?: string | null;
  gppString?: string | null;
  proof?: ProofInput | null;
}

export function circumstances(input: CircumstanceArgs): DecisionCircumstances {
  return {
    subjectId: parseSubjectId(input.subjectId),
    channel: input.channel,
    jurisdiction: input.jurisdiction == null ? null : parseJurisdiction(input.jurisdiction),
    policyVersionId: input.policyVersion == null ? null : String(input.policyVersion),
    proof: input.proof ?? null,
    gpc: input.gpc ?? null,
    tcString: input.tcString ?? null,
    gppString: input.gppString ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  };
}
