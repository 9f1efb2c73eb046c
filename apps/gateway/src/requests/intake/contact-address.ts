import { Prisma, type RequestType, type TenantTransaction } from "@custos/db";

/**
 * The mailbox an e-mail address delivers to, for counting what one person is sent: case folded and a `+tag`
 * dropped from the local part, so `Victim+1@Example.com` and `victim@example.com` are one mailbox.
 * The same rule in SQL follows; comparing with `=` on it, never LIKE, keeps `%` and `_` in an address literal.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).replace(/\+.*$/, "");
  return `${local}@${email.slice(at + 1)}`.toLowerCase();
}

function mailboxSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`lower(regexp_replace(${column}, '\\+[^@]*@', '@'))`;
}

/**
 * Requests that need no proof of identity (questions, complaints, objections…) that callers without a session may
 * send one mailbox a day: each queues an acknowledgement e-mail, so more would let anyone flood a stranger's inbox.
 */
export const UNPROVEN_REQUESTS_PER_MAILBOX = 5;

export interface MailboxRequestFilter {
  types: readonly RequestType[];
  since: Date;
  unverifiedOnly?: boolean;
}

/** Requests of the tenant to one mailbox since a moment: raw SQL, so the tenant is named here. */
export async function requestsToMailbox(
  tx: TenantTransaction,
  tenantId: string,
  email: string,
  { types, since, unverifiedOnly = false }: MailboxRequestFilter,
): Promise<number> {
  if (types.length === 0) return 0;
  const [row] = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "PrivacyRequest" r
    WHERE r."tenantId" = ${tenantId}::uuid AND r."contactEmail" IS NOT NULL
      AND ${mailboxSql(Prisma.sql`r."contactEmail"`)} = ${mailboxOf(email)}
      AND r.type::text IN (${Prisma.join(types)}) AND r."receivedAt" > ${since.toISOString()}::timestamp(3)
      ${unverifiedOnly ? Prisma.sql`AND r."verifiedAt" IS NULL` : Prisma.empty}`;
  return Number(row?.count ?? 0);
}
