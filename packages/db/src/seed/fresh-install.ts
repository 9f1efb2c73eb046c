import type { PrismaClient } from "../../generated/prisma/client.ts";
import { DATA_CATEGORIES } from "./catalogue.ts";
import { seedCatalogue } from "./seed.ts";

/** What a new embedded database starts with: the policy's catalogue, its registers, and the example data systems. */
export async function seedFreshInstall(prisma: PrismaClient): Promise<void> {
  const { tenantId } = await seedCatalogue(prisma);
  await seedPolicyRegisters(prisma, tenantId);
  await seedExampleSystems(prisma, tenantId);
}

/**
 * What the published policy itself says about retention and transfers, written for a tenant that has none yet, so a
 * fresh install tells the truth: `whereDoesMyDataGo` and the Art. 30 record are not empty, and nothing is kept forever.
 * - Retention (P2): "as a rule" three years; every data category gets 36 months from the person's last activity,
 *   then anonymisation. Staff tune each with `setRetentionPolicy`.
 * - Transfers (P12, P13): "servers deployed by our service providers in China or Singapore". The policy names neither
 *   provider nor mechanism, so the entries say so: staff complete them (name, contract, mechanism) from the contracts.
 * Existing rows are never changed: an administrator's edits win over the seed.
 */
export async function seedPolicyRegisters(prisma: PrismaClient, tenantId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const categories = await tx.dataCategory.findMany({ where: { tenantId }, select: { id: true, key: true } });
    for (const category of categories) {
      await tx.retentionPolicy.upsert({
        where: { tenantId_dataCategoryId: { tenantId, dataCategoryId: category.id } },
        create: {
          tenantId,
          dataCategoryId: category.id,
          periodMonths: 36,
          trigger: "LAST_ACTIVITY",
          action: "ANONYMISE",
          legalBasis: "LEGITIMATE_INTEREST",
        },
        update: {},
      });
    }
    if ((await tx.transferRecord.count({ where: { tenantId } })) > 0) return;
    const allCategories = categories.filter(({ key }) => DATA_CATEGORIES.some((known) => known.key === key));
    for (const provider of POLICY_PROVIDERS) {
      const processor = await tx.processor.upsert({
        where: { tenantId_name: { tenantId, name: provider.name } },
        create: {
          tenantId,
          name: provider.name,
          country: provider.country,
          dataCategories: { connect: allCategories.map(({ id }) => ({ id })) },
        },
        update: {},
      });
      await tx.transferRecord.create({
        data: {
          tenantId,
          processorId: processor.id,
          destinationCountry: provider.country,
          subjectJurisdictions: provider.subjectJurisdictions,
          mechanisms: provider.mechanisms,
          safeguards: provider.safeguards,
          // The policy itself is the notice that names the destination countries (PIPL Art. 39, GDPR Art. 13(1)(f)).
          individualNoticeGiven: true,
          separateConsentObtained: false,
          startsAt: new Date("2024-01-01T00:00:00Z") < now ? new Date("2024-01-01T00:00:00Z") : now,
          dataCategories: { create: allCategories.map(({ id }) => ({ dataCategoryId: id })) },
        },
      });
    }
  });
}

const POLICY_PROVIDERS = [
  {
    name: "Server provider in China (named in the policy as a service provider)",
    country: "CN",
    subjectJurisdictions: ["EEA"],
    mechanisms: ["GDPR_STANDARD_CONTRACTUAL_CLAUSES" as const],
    safeguards:
      "Seeded from the published policy (servers of service providers in China). Confirm the provider, its contract and the SCCs.",
  },
  {
    name: "Server provider in Singapore (named in the policy as a service provider)",
    country: "SG",
    subjectJurisdictions: ["EEA", "CN"],
    mechanisms: ["GDPR_STANDARD_CONTRACTUAL_CLAUSES" as const, "PIPL_STANDARD_CONTRACT" as const],
    safeguards:
      "Seeded from the published policy (servers of service providers in Singapore). Confirm the provider, its contract, the SCCs and the PIPL standard contract filing.",
  },
];

/**
 * Example data systems for the embedded database a developer starts with `npm start`, so the README's
 * `pnpm keys create --kind SERVICE --data-system orders` works and requests have systems to ask. Never on PostgreSQL:
 * a production system that no app answers for would keep every request open.
 */
export async function seedExampleSystems(prisma: PrismaClient, tenantId: string): Promise<void> {
  for (const system of [
    {
      key: "accounts",
      name: "Accounts (example: registers customers' verified e-mails)",
      accountSystem: true,
      dataCategoryKeys: ["address", "business_registration", "identity"],
    },
    { key: "orders", name: "Orders (example)", accountSystem: false, dataCategoryKeys: ["address", "orders"] },
  ]) {
    await prisma.dataSystem.upsert({ where: { tenantId_key: { tenantId, key: system.key } }, create: { tenantId, ...system }, update: {} });
  }
}
