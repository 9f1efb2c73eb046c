import type { TenantTransaction } from "@custos/db";

/**
 * Locks the tenant's consent log (its ConsentLogHead row, made on first use) for the rest of the transaction and
 * returns the tree's size. Whoever extends the tree, signs a checkpoint or rotates the key holds it, so any number of
 * gateway processes on one database build the tree once and never sign with two current keys.
 */
export async function lockConsentLog(tx: TenantTransaction, tenantId: string): Promise<number> {
  await tx.$executeRaw`INSERT INTO "ConsentLogHead" ("tenantId", "treeSize") VALUES (${tenantId}::uuid, 0) ON CONFLICT DO NOTHING`;
  const [head] = await tx.$queryRaw<{ treeSize: number }[]>`
    SELECT "treeSize" FROM "ConsentLogHead" WHERE "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  return head?.treeSize ?? 0;
}
