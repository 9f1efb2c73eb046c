import type { PrismaClient } from "@custos/db";
import type { CredentialStore } from "../access/authenticate.ts";

/** A credential names its tenant only once it is found: the key by its prefix, the session by its issuer. */
export function credentialStore(prisma: PrismaClient): CredentialStore {
  return {
    findKey: (prefix) => prisma.apiKey.findUnique({ where: { prefix } }),
    markKeyUsed: async (id, at) => {
      await prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
    },
    findSessionIssuer: (issuer) => prisma.tenant.findUnique({ where: { sessionIssuer: issuer } }),
  };
}
