import { builder } from "../ground/builder.ts";
import { type TransferAssessment, type TransferViolation, validateTransfer } from "./rules/validate-transfer.ts";

const TransferFindingRef = builder.objectRef<TransferViolation>("TransferFinding").implement({
  description: "What one law asks of a transfer that its record lacks, with the article that says so.",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    law: t.exposeString("law", {
      nullable: true,
      description: "The law, e.g. `GDPR` or `PIPL`; null when the record itself is malformed.",
    }),
    code: t.exposeString("code", { description: "What is missing, e.g. `MECHANISM_REQUIRED` or `SEPARATE_CONSENT_REQUIRED`." }),
    message: t.exposeString("message", { description: "The finding in words." }),
    article: t.string({
      nullable: true,
      description: "The article that requires it.",
      resolve: (finding) => finding.citation?.article ?? null,
    }),
    url: t.string({ nullable: true, description: "Where the article is published.", resolve: (finding) => finding.citation?.url ?? null }),
  }),
});

const TransferAssessmentRef = builder.objectRef<TransferAssessment>("TransferAssessment").implement({
  description: "A transfer judged today by the rules of every law that governs it, as recordTransfer judged it when it was made.",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "Every law that applies is satisfied today." }),
    applicableLaws: t.exposeStringList("applicableLaws", { description: "The laws that govern the transfer." }),
    findings: t.field({
      type: [TransferFindingRef],
      description: "What each law asks that the record lacks today (an adequacy decision that lapsed, say); empty when ok.",
      resolve: (assessment) => assessment.violations,
    }),
  }),
});

builder.prismaObjectField("TransferRecord", "assessment", (t) =>
  t.field({
    type: TransferAssessmentRef,
    description: "The transfer judged today under each law that governs it: its validation findings per law.",
    resolve: (transfer) =>
      validateTransfer({
        subjectJurisdictions: transfer.subjectJurisdictions,
        destinationCountry: transfer.destinationCountry,
        mechanisms: transfer.mechanisms,
        regulatorNoticeRef: transfer.regulatorNoticeRef,
        regulatorNoticeAt: transfer.regulatorNoticeAt,
        startsAt: transfer.startsAt,
        separateConsentObtained: transfer.separateConsentObtained,
        noticeGiven: transfer.individualNoticeGiven,
      }),
  }),
);
