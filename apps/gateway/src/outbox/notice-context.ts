import type { TenantTransaction } from "@custos/db";

/**
 * What every notice carries besides its own facts: the language to write in (the person's, else the current privacy
 * policy's) and the controller's contact, so the person knows whom to write to.
 */
export async function noticeContext(tx: Pick<TenantTransaction, "tenant" | "policyVersion">, personLanguage: string | null) {
  const [tenant, policy] = await Promise.all([
    tx.tenant.findFirstOrThrow({ select: { controllerName: true, controllerEmail: true, controllerAddress: true } }),
    personLanguage
      ? null
      : tx.policyVersion.findFirst({
          where: { kind: "PRIVACY", effectiveAt: { lte: new Date() } },
          orderBy: [{ effectiveAt: "desc" }, { publishedAt: "desc" }],
          select: { language: true },
        }),
  ]);
  return {
    language: personLanguage ?? policy?.language ?? "ru",
    controller: { name: tenant.controllerName, email: tenant.controllerEmail, address: tenant.controllerAddress },
  };
}
