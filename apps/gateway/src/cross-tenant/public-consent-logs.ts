import { type PrismaClient, scopeToTenant, type TenantScopedPrisma } from "@custos/db";

/**
 * The public consent log URLs name a tenant by its slug and carry no credentials (transport/http/consent-log-route.ts):
 * the slug is looked up here, and everything after goes through the tenant's scoped client.
 */
export function publicConsentLogs(prisma: PrismaClient) {
  return async (slug: string): Promise<TenantScopedPrisma | null> => {
    if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
    const tenant = await prisma.tenant.findUnique({ where: { slug }, select: { id: true } });
    return tenant ? scopeToTenant(prisma, tenant.id) : null;
  };
}

export type PublicConsentLogs = ReturnType<typeof publicConsentLogs>;
