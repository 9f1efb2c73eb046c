import type { PrismaClient } from "@custos/db";
import type { CredentialStore } from "../access/authenticate.ts";

/**
 * A credential names its tenant only once it is found: the key by its prefix, the session by its issuer. A signed-in
 * person's tenant comes from the gateway's configuration; their row in the staff register is written here.
 */
export function credentialStore(prisma: PrismaClient): CredentialStore {
  return {
    findKey: (prefix) => prisma.apiKey.findUnique({ where: { prefix } }),
    markKeyUsed: async (id, at) => {
      await prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
    },
    findSessionIssuer: (issuer) => prisma.tenant.findUnique({ where: { sessionIssuer: issuer } }),
    notePersonSeen: async (tenantId, { subject, name, email }, role, at) => {
      await prisma.staffMember.upsert({
        where: { tenantId_subject: { tenantId, subject } },
        create: { tenantId, subject, name, email, role, lastSeenAt: at },
        update: { name, email, role, lastSeenAt: at },
      });
    },
  };
}
