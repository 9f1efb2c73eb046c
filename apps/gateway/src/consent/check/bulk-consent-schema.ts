import { builder } from "../../ground/builder.ts";
import { ConsentChannelEnum, ConsentStatusEnum } from "../schema.ts";
import { checkConsentInBulk, MAX_BULK_SUBJECTS, type SubjectPurposeCheck } from "./bulk-consent-check.ts";

const SubjectPurposeConsentRef = builder.objectRef<SubjectPurposeCheck>("SubjectPurposeConsent").implement({
  description: "One subject's current consent for the purpose a consentStates check asked about.",
  authScopes: { service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId", { description: "The id as asked." }),
    status: t.field({
      type: ConsentStatusEnum,
      description: "The decision judged now: NOT_ASKED also for an id the gateway has never seen.",
      resolve: ({ validity }) => validity.status,
    }),
    processingAllowed: t.boolean({
      description: "True only when consent is GRANTED and processing is not restricted: the one field an app checks.",
      resolve: ({ processingAllowed }) => processingAllowed,
    }),
    restricted: t.exposeBoolean("restricted", {
      description: "Processing is restricted (a completed restriction request): not allowed whatever the decision.",
    }),
    channel: t.field({
      type: ConsentChannelEnum,
      nullable: true,
      description: "Where the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.channel ?? null,
    }),
    decidedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.decidedAt ?? null,
    }),
    validUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses; null when it lasts until withdrawn or is not a grant.",
      resolve: ({ validity }) => (validity.validUntil === null ? null : new Date(validity.validUntil)),
    }),
  }),
});

builder.queryField("consentStates", (t) =>
  t.field({
    type: [SubjectPurposeConsentRef],
    description:
      `Many subjects' current consent for one purpose, judged as consentState judges it: the check before a campaign. ` +
      `At most ${MAX_BULK_SUBJECTS} ids per call (TOO_MANY_SUBJECTS beyond); one entry per id, in the order asked. An id ` +
      "the gateway has never seen answers NOT_ASKED. The call leaves one audit entry naming the purpose and the count.",
    args: {
      purpose: t.arg.string({ description: "Purpose key from the purposes query; its legal basis must be CONSENT." }),
      subjectIds: t.arg.stringList({ description: "The app's ids for the people to check." }),
    },
    // Company apps, staff and auditors: a shopper or a storefront checks one subject of its own with consentState.
    authScopes: { service: true, staff: true, auditor: true },
    resolve: (_root, args, ctx) => checkConsentInBulk(ctx, args.purpose, args.subjectIds),
  }),
);
