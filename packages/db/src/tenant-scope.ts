import type * as runtime from "@prisma/client/runtime/client";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

interface ModelField {
  name: string;
  kind: string;
  type: string;
  relationFromFields?: readonly string[];
}

type TenantScopeRule = { by: "own" } | { by: "tenantRow" } | { by: "parent"; relation: string };

/**
 * How each model belongs to a tenant, read off the schema so a new model cannot be forgotten:
 * its own tenantId, or the first required relation to a model that has one.
 */
export function tenantScopeRules(): Map<string, TenantScopeRule> {
  const models = getDatamodel().datamodel.models as Record<string, { fields: readonly ModelField[] }>;
  const ownsTenantId = (name: string) => models[name]?.fields.some((field) => field.name === "tenantId") ?? false;
  const rules = new Map<string, TenantScopeRule>();
  for (const [name, { fields }] of Object.entries(models)) {
    if (name === "Tenant") rules.set(name, { by: "tenantRow" });
    else if (ownsTenantId(name)) rules.set(name, { by: "own" });
    else {
      const parent = fields.find((field) => field.kind === "object" && field.relationFromFields?.length && ownsTenantId(field.type));
      if (!parent) throw new Error(`Model ${name} has no tenantId and no relation to a model with one; it cannot be tenant-scoped.`);
      rules.set(name, { by: "parent", relation: parent.name });
    }
  }
  return rules;
}

/** Read off the schema once per process; the schema does not change while it runs. */
let rulesOfThisSchema: Map<string, TenantScopeRule> | undefined;

const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);
const CREATING = new Set(["create", "createMany", "createManyAndReturn", "upsert"]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

export class CrossTenantWriteError extends Error {
  constructor(model: string) {
    super(`A write to ${model} named another tenant.`);
    this.name = "CrossTenantWriteError";
  }
}

function scopeFilter(rule: TenantScopeRule, tenantId: string): Record<string, unknown> {
  if (rule.by === "tenantRow") return { id: tenantId };
  if (rule.by === "own") return { tenantId };
  return { [rule.relation]: { is: { tenantId } } };
}

function withTenantId(model: string, row: unknown, tenantId: string): unknown {
  const data = row as Record<string, unknown>;
  if ("tenant" in data || (data.tenantId !== undefined && data.tenantId !== tenantId)) throw new CrossTenantWriteError(model);
  return { ...data, tenantId };
}

/** Only scopeToTenant attaches it, and only to the type: a plain client, or a transaction of one, lacks it. */
declare const tenantScoped: unique symbol;
interface TenantScoped {
  readonly [tenantScoped]: true;
}

/** The client an interactive transaction of a tenant-scoped client hands its callback. */
export type TenantTransaction = Prisma.TransactionClient & TenantScoped;

type TransactionOptions = Parameters<PrismaClient["$transaction"]>[1];

/**
 * A client that sees one tenant's rows only (scopeToTenant). The brand keeps the compiler from taking an unscoped
 * client where a scoped one is promised; `$transaction` is retyped so that its callback gets a TenantTransaction.
 */
export type TenantScopedPrisma = Omit<PrismaClient, "$transaction"> &
  TenantScoped & {
    $transaction<P extends Prisma.PrismaPromise<unknown>[]>(
      arg: [...P],
      options?: TransactionOptions,
    ): runtime.Types.Utils.JsPromise<runtime.Types.Utils.UnwrapTuple<P>>;
    $transaction<R>(
      fn: (tx: TenantTransaction) => runtime.Types.Utils.JsPromise<R>,
      options?: TransactionOptions,
    ): runtime.Types.Utils.JsPromise<R>;
  };

/** One scoped client per client and tenant: building an extension costs more than the query it serves. */
const scopedClients = new WeakMap<PrismaClient, Map<string, TenantScopedPrisma>>();

/**
 * A client whose every model query sees one tenant's rows only: filters are added to reads, updates
 * and deletes, and creates get the tenant's id. Rows of child models (those without a tenantId)
 * are filtered through their parent; creating one needs the parent's id, which the caller could
 * only have read through this same scope. Raw SQL is not rewritten: it must name the tenant itself.
 */
export function scopeToTenant(prisma: PrismaClient, tenantId: string): TenantScopedPrisma {
  let byTenant = scopedClients.get(prisma);
  if (!byTenant) {
    byTenant = new Map();
    scopedClients.set(prisma, byTenant);
  }
  let scoped = byTenant.get(tenantId);
  if (!scoped) {
    scoped = extendToTenant(prisma, tenantId);
    byTenant.set(tenantId, scoped);
  }
  return scoped;
}

function extendToTenant(prisma: PrismaClient, tenantId: string): TenantScopedPrisma {
  rulesOfThisSchema ??= tenantScopeRules();
  const rules = rulesOfThisSchema;
  return prisma.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const rule = rules.get(model);
          if (!rule) throw new Error(`No tenant scope rule for model ${model}`);
          const scoped: Args = { ...(args as Args) };
          if (FILTERED.has(operation)) {
            const where = scoped.where ?? {};
            const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
            scoped.where = { ...where, AND: [...and, scopeFilter(rule, tenantId)] };
          }
          if (CREATING.has(operation) && rule.by === "own") {
            const key = operation === "upsert" ? "create" : "data";
            const rows = scoped[key];
            scoped[key] = Array.isArray(rows) ? rows.map((row) => withTenantId(model, row, tenantId)) : withTenantId(model, rows, tenantId);
          }
          return query(scoped);
        },
      },
    },
    // A query-only extension leaves every model's types as they are; typing the result as the plain client, branded,
    // keeps the compiler from comparing each include and select type of the extended client with the plain one (too
    // deep for it). The one place the brand is attached.
  }) as unknown as TenantScopedPrisma;
}
