import { DestructionOutcome } from "@custos/db/enums";
import { auditedRead } from "../../audit/audit-service.ts";
import { builder } from "../../ground/builder.ts";
import { dueStatus } from "../rules/index.ts";
import { DueStateEnum } from "../schema.ts";
import { closeWithdrawalDestruction, withdrawalDestructions } from "./withdrawal-destructions.ts";

const DestructionOutcomeEnum = builder.enumType(DestructionOutcome, {
  name: "DestructionOutcome",
  description: "How a destruction owed after a withdrawal of consent was closed.",
  values: {
    DESTROYED: { description: "The data processed on the withdrawn consent was destroyed." },
    OTHER_BASIS: { description: "Another basis allows keeping it (a contract with the person, a federal law); `basis` names it." },
  },
});

const WithdrawalDestructionRef = builder.prismaObject("WithdrawalDestruction", {
  description:
    "The destruction a withdrawal of consent calls for where the person's law sets a period for it: under 152-FZ Art. 21 " +
    "part 5, within 30 days of the withdrawal, unless another basis allows keeping the data. Opened with the withdrawal; " +
    "listed with the requests in the daily deadline reminder.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The destruction's id." }),
    subjectId: t.string({
      description: "The app's id for the person who withdrew.",
      resolve: async (row, _args, ctx) =>
        (await ctx.prisma.dataSubject.findUniqueOrThrow({ where: { id: row.subjectId }, select: { externalId: true } })).externalId,
    }),
    purpose: t.relation("purpose", { description: "The purpose whose consent was withdrawn." }),
    withdrawnAt: t.expose("withdrawnAt", { type: "DateTime", description: "When the withdrawal was recorded in the ledger." }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The end of the period's last day in the law's zone." }),
    deadlineRule: t.exposeString("deadlineRule", { description: "Id of the rule the deadline comes from, e.g. RU-152-FZ-ART-21-5." }),
    dueState: t.field({
      type: DueStateEnum,
      description: "Where the deadline stands: on track, due within three days, overdue, or closed.",
      resolve: (row) => {
        if (row.closedAt) return "CLOSED";
        const { state } = dueStatus(row.dueAt, new Date());
        return state === "overdue" ? "OVERDUE" : state === "due-soon" ? "DUE_SOON" : "ON_TRACK";
      },
    }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true, description: "When staff closed it; null while open." }),
    outcome: t.expose("outcome", { type: DestructionOutcomeEnum, nullable: true, description: "How it was closed; null while open." }),
    basis: t.exposeString("basis", { nullable: true, description: "For OTHER_BASIS: the basis that allows keeping the data." }),
    closedBy: t.exposeString("closedBy", { nullable: true, description: "Who closed it, as the audit log names the caller." }),
  }),
});

builder.queryField("withdrawalDestructions", (t) =>
  t.prismaField({
    type: [WithdrawalDestructionRef],
    description: "Destructions owed after withdrawals of consent (152-FZ Art. 21 part 5), earliest deadline first.",
    args: {
      open: t.arg.boolean({ required: false, description: "true (the default): those not closed yet; false: closed ones." }),
      first: t.arg.int({ required: false, description: "At most this many (default 50, at most 200)." }),
    },
    authScopes: { staff: true, auditor: true },
    resolve: (_query, _root, args, ctx) =>
      auditedRead(ctx, { operation: "withdrawalDestructions" }, () =>
        withdrawalDestructions(ctx.prisma, args.open ?? true, args.first ?? 50),
      ),
  }),
);

builder.mutationField("closeWithdrawalDestruction", (t) =>
  t.prismaField({
    type: WithdrawalDestructionRef,
    description: "Closes a destruction: the data was destroyed, or another basis allows keeping it (`basis` required). Once only.",
    args: {
      id: t.arg.id({ description: "The destruction's id." }),
      outcome: t.arg({ type: DestructionOutcomeEnum, description: "DESTROYED, or OTHER_BASIS with `basis`." }),
      basis: t.arg.string({ required: false, description: "The basis that allows keeping the data (OTHER_BASIS)." }),
    },
    authScopes: { staff: true },
    resolve: (_query, _root, args, ctx) =>
      closeWithdrawalDestruction(ctx.prisma, ctx, { id: String(args.id), outcome: args.outcome, basis: args.basis ?? null }),
  }),
);
