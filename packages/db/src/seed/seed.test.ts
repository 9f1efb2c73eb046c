import { describe, expect, inject, it } from "vitest";
import { createMigratedTestDatabase, TEST_ENGINES } from "../../test/testing.ts";
import { PURPOSES } from "./catalogue.ts";
import { seedCatalogue } from "./seed.ts";

describe.each(TEST_ENGINES)("seed on %s", (engine) => {
  it("writes the policy's catalogue once, however often it runs", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    await seedCatalogue(database.prisma);
    const { prisma } = database;
    expect(await prisma.tenant.count()).toBe(1);
    const purposes = await prisma.purpose.findMany({ orderBy: { position: "asc" }, include: { dataCategories: true } });
    expect(purposes.map((purpose) => purpose.key)).toEqual(PURPOSES.map((purpose) => purpose.key));
    expect(purposes.filter((purpose) => purpose.legalBasis === "CONSENT").map((purpose) => purpose.key)).toEqual([
      "feature_testing",
      "marketing",
    ]);
    expect(purposes.every((purpose) => purpose.dataCategories.length > 0)).toBe(true);
    expect(await prisma.cookieCategory.count()).toBe(4);
    expect(await prisma.policyVersion.count()).toBe(2);
    expect(await prisma.cookieVendor.count()).toBe(6);
  });
});
