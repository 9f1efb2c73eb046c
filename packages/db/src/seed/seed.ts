import type { PrismaClient } from "../../generated/prisma/client.ts";
import { COOKIE_CATEGORIES, COOKIE_VENDORS, DATA_CATEGORIES, PURPOSES } from "./catalogue.ts";

export const DEFAULT_TENANT_SLUG = "default";

export interface SeedOptions {
  tenantSlug?: string;
  controllerName?: string;
  controllerEmail?: string;
}

/**
 * Writes the policy's catalogue for one tenant: purposes with legal bases, data categories, cookie
 * categories with their vendors and cookies, and the current privacy and cookie policy versions. Safe to run again: existing rows are updated.
 */
export async function seedCatalogue(prisma: PrismaClient, options: SeedOptions = {}): Promise<{ tenantId: string }> {
  const slug = options.tenantSlug ?? DEFAULT_TENANT_SLUG;
  const controller = {
    controllerName: options.controllerName ?? "Shenzhen Huatuomingtonggong Technology Co., Ltd.",
    controllerEmail: options.controllerEmail ?? "privacy@example.com",
    controllerAddress: "7/F, Building 3, Zhouteng Industrial Park, Nanwan Subdistrict, Longgang District, Shenzhen, China",
    consentManagementUrl: "https://shop.example.com/privacy.html#preferences",
  };
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.upsert({ where: { slug }, create: { slug, ...controller }, update: {} });
    const tenantId = tenant.id;
    const categoryIds = new Map<string, string>();
    for (const category of DATA_CATEGORIES) {
      const row = await tx.dataCategory.upsert({
        where: { tenantId_key: { tenantId, key: category.key } },
        create: { tenantId, ...category },
        update: { name: category.name, description: category.description },
      });
      categoryIds.set(category.key, row.id);
    }
    for (const [position, { dataCategories, ...purpose }] of PURPOSES.entries()) {
      const links = dataCategories.map((key) => ({ dataCategoryId: categoryIds.get(key) as string }));
      await tx.purpose.upsert({
        where: { tenantId_key: { tenantId, key: purpose.key } },
        create: { tenantId, position, ...purpose, dataCategories: { create: links } },
        update: { position, ...purpose, dataCategories: { deleteMany: {}, create: links } },
      });
    }
    const cookieCategoryIds = new Map<string, string>();
    for (const [position, category] of COOKIE_CATEGORIES.entries()) {
      const row = await tx.cookieCategory.upsert({
        where: { tenantId_key: { tenantId, key: category.key } },
        create: { tenantId, position, ...category },
        update: { position, ...category },
      });
      cookieCategoryIds.set(category.key, row.id);
    }
    for (const { category, cookies, ...vendor } of COOKIE_VENDORS) {
      const cookieCategoryId = cookieCategoryIds.get(category) as string;
      await tx.cookieVendor.upsert({
        where: { tenantId_name: { tenantId, name: vendor.name } },
        create: { tenantId, cookieCategoryId, ...vendor, cookies: { create: cookies } },
        update: { cookieCategoryId, ...vendor, cookies: { deleteMany: {}, create: cookies } },
      });
    }
    await tx.policyVersion.upsert({
      where: { tenantId_kind_language_version: { tenantId, kind: "PRIVACY", language: "ru", version: "2024" } },
      create: { tenantId, kind: "PRIVACY", language: "ru", version: "2024", effectiveAt: new Date("2024-01-01T00:00:00Z") },
      update: {},
    });
    await tx.policyVersion.upsert({
      where: { tenantId_kind_language_version: { tenantId, kind: "COOKIE", language: "ru", version: "2024" } },
      create: { tenantId, kind: "COOKIE", language: "ru", version: "2024", effectiveAt: new Date("2024-01-01T00:00:00Z") },
      update: {},
    });
    return { tenantId };
  });
}
