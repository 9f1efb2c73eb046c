import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";

type AuditContext = Pick<Context, "caller" | "tenantId" | "requestId">;

/** A key as it appears in service-key bindings and export paths: lower-case, short, no spaces. */
const SYSTEM_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface NewDataSystem {
  key: string;
  name: string;
  /** Keys of the data categories the system holds. */
  dataCategoryKeys: readonly string[];
  /** Name of the registered processor that runs it, when it is not run in-house. */
  processorName?: string | null;
  /** The account system: its service key registers subjects' verified contact e-mails. */
  accountSystem?: boolean | null;
}

export async function createDataSystem(db: TenantScopedPrisma, ctx: AuditContext, input: NewDataSystem) {
  const key = input.key.trim();
  const name = input.name.trim();
  if (!SYSTEM_KEY.test(key)) {
    throw new CustosError(
      "INVALID_DATA_SYSTEM",
      "key must be 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit.",
    );
  }
  if (name === "" || name.length > 100) throw new CustosError("INVALID_DATA_SYSTEM", "name must be 1-100 characters.");
  if (await db.dataSystem.findFirst({ where: { key }, select: { id: true } })) {
    throw new CustosError("INVALID_DATA_SYSTEM", `A data system with key "${key}" is already registered.`);
  }
  const keys = [...new Set(input.dataCategoryKeys)];
  const categories = await db.dataCategory.findMany({ where: { key: { in: keys } }, select: { key: true } });
  const missing = keys.filter((wanted) => !categories.some((category) => category.key === wanted));
  if (missing.length > 0) throw new CustosError("UNKNOWN_DATA_CATEGORY", `No data category with key ${missing.join(", ")}.`);
  const processor = input.processorName ? await db.processor.findFirst({ where: { name: input.processorName } }) : null;
  if (input.processorName && !processor) throw new CustosError("UNKNOWN_PROCESSOR", `No processor named "${input.processorName}".`);
  return db.$transaction(async (tx) => {
    const system = await tx.dataSystem.create({
      data: {
        tenantId: ctx.tenantId,
        key,
        name,
        processorId: processor?.id ?? null,
        accountSystem: input.accountSystem ?? false,
        dataCategoryKeys: keys.sort(),
      },
    });
    await recordAudit(tx, ctx, { operation: "createDataSystem" });
    return system;
  });
}

/** A retired system gets no new request tasks and its service keys lose the account system's power; its history stays. */
export async function retireDataSystem(db: TenantScopedPrisma, ctx: AuditContext, key: string) {
  const system = await db.dataSystem.findFirst({ where: { key } });
  if (!system) throw new CustosError("NOT_FOUND", `No data system with key "${key}".`);
  if (system.retiredAt) return system;
  return db.$transaction(async (tx) => {
    const retired = await tx.dataSystem.update({ where: { id: system.id }, data: { retiredAt: new Date() } });
    await recordAudit(tx, ctx, { operation: "retireDataSystem" });
    return retired;
  });
}
