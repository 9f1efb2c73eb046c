import { LegalInstrument } from "@custos/db";
import { auditedRead } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { noticeOwedWhere, recordDisclosure, recordDisclosureNotice } from "./disclosure-service.ts";

const LegalInstrumentEnum = builder.enumType(LegalInstrument, { name: "LegalInstrument" });

builder.prismaObject("DisclosureRecord", {
  name: "Disclosure",
  description: "Personal data handed to an authority because the law required it (P3).",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the disclosure was about one.",
      select: { subject: { select: { externalId: true } } },
      resolve: (disclosure) => disclosure.subject?.externalId ?? null,
    }),
    authority: t.exposeString("authority"),
    instrument: t.expose("instrument", { type: LegalInstrumentEnum }),
    legalBasis: t.exposeString("legalBasis"),
    dataDisclosed: t.exposeString("dataDisclosed"),
    disclosedAt: t.expose("disclosedAt", { type: "DateTime" }),
    subjectNotified: t.exposeBoolean("subjectNotified", { description: "Whether the person was told in advance." }),
    notNotifiedReason: t.exposeString("notNotifiedReason", { nullable: true }),
    noticeAllowedAfter: t.expose("noticeAllowedAfter", { type: "DateTime", nullable: true }),
    noticeGivenAt: t.expose("noticeGivenAt", { type: "DateTime", nullable: true }),
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
    args: { noticeOwed: t.arg.boolean({ required: false }) },
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
  fields: (t) => ({
    subjectId: t.string({ required: false, description: "The app's id for the person, when the disclosure is about one." }),
    authority: t.string(),
    instrument: t.field({ type: LegalInstrumentEnum }),
    legalBasis: t.string({ description: "The provision that required the disclosure." }),
    dataDisclosed: t.string({ description: "What was handed over, by category; not the data itself." }),
    disclosedAt: t.field({ type: "DateTime" }),
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
    args: { input: t.arg({ type: RecordDisclosureInput }) },
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
    args: { id: t.arg.id(), noticeGivenAt: t.arg({ type: "DateTime", required: false }) },
    resolve: async (query, _root, { id, noticeGivenAt }, ctx) => {
      await recordDisclosureNotice(ctx.prisma, ctx, String(id), noticeGivenAt ?? new Date());
      return ctx.prisma.disclosureRecord.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);
