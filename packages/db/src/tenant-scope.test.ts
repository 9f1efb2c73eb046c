import { describe, expect, inject, it } from "vitest";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createMigratedTestDatabase, TEST_ENGINES } from "../test/testing.ts";
import { seedCatalogue } from "./seed/seed.ts";
import { CrossTenantWriteError, scopeToTenant, type TenantScopedPrisma, type TenantTransaction, tenantScopeRules } from "./tenant-scope.ts";

describe("tenant scope rules", () => {
  it("cover every model in the schema, so a new model cannot escape the scope", () => {
    const models = Object.keys(getDatamodel().datamodel.models).sort();
    expect([...tenantScopeRules().keys()].sort()).toEqual(models);
    expect(tenantScopeRules().get("ConsentState")).toEqual({ by: "parent", relation: "subject" });
  });
});

describe("the tenant-scoped client's brand", () => {
  it("is on what scopeToTenant returns only: the compiler refuses a plain client, or its transaction, in their place", () => {
    // Checked by tsc (`pnpm typecheck`): each @ts-expect-error fails the build if its line compiles, as it would without the brand.
    const needsScoped = (_db: TenantScopedPrisma) => {};
    const needsTransaction = (_tx: TenantTransaction) => {};
    const compiles = async (plain: PrismaClient, tenantId: string) => {
      const scoped = scopeToTenant(plain, tenantId);
      needsScoped(scoped);
      needsTransaction(scoped);
      await scoped.$transaction(async (tx) => needsTransaction(tx));
      // @ts-expect-error an unscoped client is not a tenant-scoped one
      needsScoped(plain);
      // @ts-expect-error nor does it serve where a scoped transaction is expected
      needsTransaction(plain);
      // @ts-expect-error nor is a transaction of an unscoped client a scoped transaction
      await plain.$transaction(async (tx) => needsTransaction(tx));
    };
    expect(compiles).toBeTypeOf("function");
  });
});

describe.each(TEST_ENGINES)("a tenant-scoped client on %s", (engine) => {
  it("reads, counts, updates and deletes only its own tenant's rows, and cannot write into another's", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const a = await prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    const { tenantId: bId } = await seedCatalogue(prisma, { tenantSlug: "tenant-b" });
    const purposeB = await prisma.purpose.findFirstOrThrow({ where: { tenantId: bId, key: "marketing" } });
    // A database-layer test: the unscoped client writes tenant B's rows, and the scoped client's writes are what is
    // under test; the gateway's public paths sit above this package.
    const subjectB = await prisma.dataSubject.create({ data: { tenantId: bId, externalId: "b-person" } });
    const eventB = await prisma.consentEvent.create({
      // Chain fields are placeholders: the gateway's ledger writer computes them; this test is about scoping.
      data: {
        tenantId: bId,
        subjectId: subjectB.id,
        purposeId: purposeB.id,
        decision: "GRANTED",
        channel: "API",
        sequence: 1,
        previousHash: "",
        hash: "",
      },
    });
    await prisma.consentState.create({
      data: {
        subjectId: subjectB.id,
        purposeId: purposeB.id,
        decision: "GRANTED",
        channel: "API",
        lastEventId: eventB.id,
        decidedAt: new Date(),
      },
    });

    const scoped = scopeToTenant(prisma, a.id);
    expect(await scoped.tenant.findMany()).toEqual([expect.objectContaining({ id: a.id })]);
    expect(await scoped.purpose.count()).toBe(7);
    expect(await scoped.purpose.findMany({ where: { tenantId: bId } })).toEqual([]);
    expect(await scoped.consentEvent.findUnique({ where: { id: eventB.id } })).toBeNull();
    expect(await scoped.consentState.findMany()).toEqual([]);
    expect(await scoped.dataSubject.updateMany({ data: { contactEmail: "x@example.com" } })).toEqual({ count: 0 });
    await expect(scoped.dataSubject.update({ where: { id: subjectB.id }, data: { contactEmail: "x@example.com" } })).rejects.toThrow();
    expect(await scoped.consentEvent.deleteMany({})).toEqual({ count: 0 });
    await expect(scoped.dataSubject.create({ data: { tenantId: bId, externalId: "smuggled" } })).rejects.toThrow(CrossTenantWriteError);

    const created = await scoped.dataSubject.create({ data: { externalId: "a-person" } as never });
    expect(created.tenantId).toBe(a.id);
    expect(await prisma.dataSubject.count({ where: { tenantId: bId } })).toBe(1);
    expect(await prisma.consentEvent.count({ where: { tenantId: bId } })).toBe(1);
  });
});
