import { LegalInstrument } from "@custos/db";
import { auditedRead } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { noticeOwedWhere, recordDisclosure, recordDisclosureNotice } from "./disclosure-service.ts";

const LegalInstrumentEnum = builder.enumType(LegalInstrument, {
  name: "LegalInstrument",
  description: "The kind of legal demand that required a disclosure.",
  values: {
    COURT_ORDER: { description: "An order of a court." },
    SUBPOENA: { description: "A subpoena or similar demand to produce records." },
    REGULATOR_REQUEST: { description: "A demand from a regulator, e.g. a data-protection or tax authority." },
    LAW_ENFORCEMENT_REQUEST: { description: "A demand from the police or another law-enforcement agency." },
  },
});

builder.prismaObject("DisclosureRecord", {
  name: "Disclosure",
  description: "Personal data handed to an authority because the law required it (P3).",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The disclosure's id, which recordDisclosureNotice takes." }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the disclosure was about one.",
      select: { subject: { select: { externalId: true } } },
      resolve: (disclosure) => disclosure.subject?.externalId ?? null,
    }),
    authority: t.exposeString("authority", { description: "Who the data was handed to, e.g. a court or an agency." }),
    instrument: t.expose("instrument", { type: LegalInstrumentEnum, description: "The kind of legal demand." }),
    legalBasis: t.exposeString("legalBasis", { description: "The provision that required the disclosure." }),
    dataDisclosed: t.exposeString("dataDisclosed", { description: "What was handed over, by category; not the data itself." }),
    disclosedAt: t.expose("disclosedAt", { type: "DateTime", description: "When the data was handed over." }),
    subjectNotified: t.exposeBoolean("subjectNotified", { description: "Whether the person was told in advance." }),
    notNotifiedReason: t.exposeString("notNotifiedReason", {
      nullable: true,
      description: "Why the person was not told in advance, e.g. a non-disclosure order; null when they were.",
    }),
    noticeAllowedAfter: t.expose("noticeAllowedAfter", {
      type: "DateTime",
      nullable: true,
      description: "From when the person may be told, if the order says; null when it sets no date.",
    }),
    noticeGivenAt: t.expose("noticeGivenAt", {
      type: "DateTime",
      nullable: true,
      description: "When the person was told afterwards; null until then.",
    }),
    noticeOwed: t.boolean({
      description: "Not told in advance, not told since, and notice may now be given: it belongs in the staff queue.",
      select: { subjectNotified: true, noticeGivenAt: true, noticeAllowedAfter: true },
      resolve: (disclosure) =>
        !disclosure.subjectNotified &&
        disclosure.noticeGivenAt === null &&
        (disclosure.noticeAllowedAfter === null || disclosure.noticeAllowedAfter <= new Date()),
    }),
  }),
});

builder.queryField("disclosures", (t) =>
  t.prismaConnection({
    type: "DisclosureRecord",
    cursor: "id",
    description: "The disclosure register, newest first; `noticeOwed: true` gives the staff queue of people still to be told.",
    authScopes: { staff: true, auditor: true },
    args: { noticeOwed: t.arg.boolean({ required: false, description: "true: only disclosures the person is still owed notice of." }) },
    resolve: async (query, _root, { noticeOwed }, ctx) => {
      return auditedRead(ctx, { operation: "disclosures" }, () =>
        ctx.prisma.disclosureRecord.findMany({
          ...query,
          where: noticeOwed ? noticeOwedWhere(new Date()) : {},
          orderBy: [{ disclosedAt: "desc" }, { id: "asc" }],
        }),
      );
    },
  }),
);

const RecordDisclosureInput = builder.inputType("RecordDisclosureInput", {
  description: "A disclosure to an authority that the law required.",
  fields: (t) => ({
    subjectId: t.string({ required: false, description: "The app's id for the person, when the disclosure is about one." }),
    authority: t.string({ description: "Who the data was handed to, e.g. a court or an agency." }),
    instrument: t.field({ type: LegalInstrumentEnum, description: "The kind of legal demand." }),
    legalBasis: t.string({ description: "The provision that required the disclosure." }),
    dataDisclosed: t.string({ description: "What was handed over, by category; not the data itself." }),
    disclosedAt: t.field({ type: "DateTime", description: "When the data was handed over." }),
    subjectNotified: t.boolean({ description: "Whether the person was told in advance." }),
    notNotifiedReason: t.string({ required: false, description: "Required when not told in advance, e.g. a non-disclosure order." }),
    noticeAllowedAfter: t.field({ type: "DateTime", required: false, description: "When the person may be told, if the order says." }),
  }),
});

builder.mutationField("recordDisclosure", (t) =>
  t.prismaField({
    type: "DisclosureRecord",
    description: "Adds a legally required disclosure to the register.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: RecordDisclosureInput, description: "The disclosure." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await recordDisclosure(ctx.prisma, ctx, {
        ...input,
        subjectExternalId: input.subjectId == null ? null : parseSubjectId(input.subjectId),
      });
      return ctx.prisma.disclosureRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("recordDisclosureNotice", (t) =>
  t.prismaField({
    type: "DisclosureRecord",
    description: "Records that the person was told of a disclosure afterwards, which takes it off the staff queue.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The disclosure's id." }),
      noticeGivenAt: t.arg({ type: "DateTime", required: false, description: "When the person was told; now when omitted." }),
    },
    resolve: async (query, _root, { id, noticeGivenAt }, ctx) => {
      await recordDisclosureNotice(ctx.prisma, ctx, String(id), noticeGivenAt ?? new Date());
      return ctx.prisma.disclosureRecord.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);
