import type { LegalBasis, RetentionAction, RetentionTrigger, TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
import { isUuid } from "../ground/identifiers/uuid.ts";
import type { LegalHoldGround } from "./rules/legal-hold-grounds.ts";
import { RetentionRuleError, validateRetentionPolicy } from "./rules/retention-policy.ts";

type AuditContext = Pick<Context, "caller" | "tenantId" | "requestId">;

async function dataCategoryId(db: TenantScopedPrisma, key: string): Promise<string> {
  const category = await db.dataCategory.findFirst({ where: { key } });
  if (!category) throw new CustosError("UNKNOWN_DATA_CATEGORY", `No data category with key ${key}.`);
  return category.id;
}

export interface RetentionPolicyInput {
  dataCategoryKey: string;
  periodMonths?: number | null;
  trigger: RetentionTrigger;
  action: RetentionAction;
  legalBasis: LegalBasis;
}

/** Sets the one retention policy of a data category (creating or replacing it). */
export async function setRetentionPolicy(db: TenantScopedPrisma, ctx: AuditContext, input: RetentionPolicyInput): Promise<string> {
  let rules: ReturnType<typeof validateRetentionPolicy>;
  try {
    rules = validateRetentionPolicy(input);
  } catch (error) {
    if (error instanceof RetentionRuleError && error.code === "INVALID_RETENTION_PERIOD") throw new CustosError(error.code, error.message);
    throw error;
  }
  const categoryId = await dataCategoryId(db, input.dataCategoryKey);
  return db.$transaction(async (tx) => {
    const values = { ...rules, legalBasis: input.legalBasis };
    const policy = await tx.retentionPolicy.upsert({
      where: { tenantId_dataCategoryId: { tenantId: ctx.tenantId, dataCategoryId: categoryId } },
      create: { tenantId: ctx.tenantId, dataCategoryId: categoryId, ...values },
      update: values,
    });
    await recordAudit(tx, ctx, { operation: "setRetentionPolicy" });
    return policy.id;
  });
}

export interface LegalHoldInput {
  subjectExternalId?: string | null;
  dataCategoryKey?: string | null;
  reason: string;
  /** The law that obliges keeping the data, from LEGAL_HOLD_GROUNDS; told to a person whose erasure it stops. */
  ground?: LegalHoldGround | null;
  expiresAt?: Date | null;
}

/** A hold names a subject, a data category or both; one naming neither would silently stop all retention. */
export async function placeLegalHold(db: TenantScopedPrisma, ctx: AuditContext, input: LegalHoldInput): Promise<string> {
  if (!input.subjectExternalId && !input.dataCategoryKey) {
    throw new CustosError("INVALID_LEGAL_HOLD", "A legal hold names a subject, a data category, or both.");
  }
  if (!input.reason.trim()) throw new CustosError("INVALID_LEGAL_HOLD", "A legal hold needs a reason.");
  const categoryId = input.dataCategoryKey ? await dataCategoryId(db, input.dataCategoryKey) : null;
  return db.$transaction(async (tx) => {
    let subjectId: string | null = null;
    if (input.subjectExternalId) {
      await tx.dataSubject.createMany({ data: [{ tenantId: ctx.tenantId, externalId: input.subjectExternalId }], skipDuplicates: true });
      subjectId = (await tx.dataSubject.findFirstOrThrow({ where: { externalId: input.subjectExternalId } })).id;
    }
    const hold = await tx.legalHold.create({
      data: {
        tenantId: ctx.tenantId,
        subjectId,
        dataCategoryId: categoryId,
        reason: input.reason.trim(),
        ground: input.ground ?? null,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await recordAudit(tx, ctx, { operation: "placeLegalHold", subjectId });
    return hold.id;
  });
}

export async function releaseLegalHold(db: TenantScopedPrisma, ctx: AuditContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const hold = isUuid(id) ? await tx.legalHold.findUnique({ where: { id } }) : null;
    if (!hold) throw new CustosError("NOT_FOUND", "No legal hold with that id.");
    if (hold.releasedAt) throw new CustosError("INVALID_LEGAL_HOLD", "That legal hold is already released.");
    await tx.legalHold.update({ where: { id }, data: { releasedAt: new Date() } });
    await recordAudit(tx, ctx, { operation: "releaseLegalHold", subjectId: hold.subjectId });
  });
}

/** A data system reports its retention task done; a service key may complete its own system's tasks only. */
export async function completeRetentionTask(db: TenantScopedPrisma, ctx: AuditContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const ownSystem = ctx.caller.kind === "service" ? ctx.caller.dataSystemId : undefined;
    const task = isUuid(id) ? await tx.retentionTask.findFirst({ where: { id, dataSystemId: ownSystem } }) : null;
    if (!task) throw new CustosError("NOT_FOUND", "No retention task with that id for this caller.");
    if (task.status !== "PENDING" && task.status !== "CLAIMED") {
      throw new CustosError("RETENTION_TASK_NOT_PENDING", "That retention task is already finished.");
    }
    await tx.retentionTask.update({ where: { id }, data: { status: "DONE", open: null, completedAt: new Date() } });
    await recordAudit(tx, ctx, { operation: "completeRetentionTask" });
  });
}
