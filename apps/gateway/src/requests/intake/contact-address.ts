import { Prisma, type RequestType, type TenantTransaction } from "@custos/db";
import emailAddresses from "email-addresses";
import { CustosError } from "../../ground/errors.ts";

/** A local part that needs no quotes (RFC 5322 dot-atom): what a plain address is stored with. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function parsedMailbox(email: string): { local: string; domain: string } | null {
  const parsed = emailAddresses.parseOneAddress({ input: email, rfc6532: true });
  if (parsed?.type !== "mailbox" || !DOT_ATOM.test(parsed.local) || parsed.domain.startsWith("[")) return null;
  return { local: parsed.local, domain: parsed.domain };
}

/**
 * The one plain mailbox a typed contact address names, spelled the one way it is stored: parsed as RFC 5322
 * (email-addresses), comments dropped (`target(1)@inbox.test`), quotes taken off a local part that needs none
 * (`"target"@inbox.test`), angle brackets and a display name folded away (`Bob <target@inbox.test>`), the domain
 * in lower case. Anything else (groups, lists, domain literals, local parts that need quoting) is refused.
 */
export function plainAddress(email: string, field = "contactEmail"): string {
  const mailbox = parsedMailbox(email);
  if (!mailbox) throw new CustosError("INVALID_REQUEST", `${field} must be one plain e-mail address, such as name@example.com.`);
  return `${mailbox.local}@${mailbox.domain.toLowerCase()}`;
}

/**
 * The mailbox an e-mail address delivers to, for counting what one person is sent: its plain spelling (above), case
 * folded and a `+tag` dropped from the local part, so `Victim+1@Example.com`, `"victim"@example.com` and
 * `victim@example.com` are one mailbox. The same rule in SQL follows, for the stored addresses, which are plain;
 * comparing with `=` on it, never LIKE, keeps `%` and `_` in an address literal.
 */
export function mailboxOf(email: string): string {
  const plain = parsedMailbox(email);
  // An address an app registered before this parser, unparseable: counted by the rule SQL applies to it.
  const [local, domain] = plain
    ? [plain.local, plain.domain]
    : [email.slice(0, email.lastIndexOf("@")), email.slice(email.lastIndexOf("@") + 1)];
  return `${local.replace(/\+.*$/, "")}@${domain}`.toLowerCase();
}

function mailboxSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`lower(regexp_replace(${column}, '\\+[^@]*@', '@'))`;
}

/**
 * Requests that need no proof of identity (questions, complaints, objections…) that one sender without a session may
 * send one mailbox a day: each queues an acknowledgement e-mail, so more would let anyone flood a stranger's inbox.
 * Counted per sender (see sender-key.ts), so a stranger who spends theirs leaves the person's own untouched.
 */
export const UNPROVEN_REQUESTS_PER_MAILBOX = 5;

/** Acknowledgements and codes one sender's requests may cause one mailbox in a day, whatever their types. */
export const MAILS_PER_MAILBOX_FROM_ONE_SENDER = 8;

/**
 * The same, from all senders together: a backstop against a flood from many networks. Once a mailbox has been sent
 * this many, only a signed-in person, staff or a data system can start a request that mails it that day.
 */
export const MAILS_PER_MAILBOX = 15;

export interface MailboxRequestFilter {
  types: readonly RequestType[];
  since: Date;
  /** Only the requests of this sender; null counts those of callers that proved who they are. */
  sender: string | null;
  unverifiedOnly?: boolean;
}

const toMailbox = (tenantId: string, email: string) =>
  Prisma.sql`r."tenantId" = ${tenantId}::uuid AND r."contactEmail" IS NOT NULL
    AND ${mailboxSql(Prisma.sql`r."contactEmail"`)} = ${mailboxOf(email)}`;

/** Requests of the tenant to one mailbox from one sender since a moment: raw SQL, so the tenant is named here. */
export async function requestsToMailbox(
  tx: TenantTransaction,
  tenantId: string,
  email: string,
  { types, since, sender, unverifiedOnly = false }: MailboxRequestFilter,
): Promise<number> {
  if (types.length === 0) return 0;
  const [row] = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "PrivacyRequest" r
    WHERE ${toMailbox(tenantId, email)} AND r."senderKey" IS NOT DISTINCT FROM ${sender}::text
      AND r.type::text IN (${Prisma.join(types)}) AND r."receivedAt" > ${since.toISOString()}::timestamp(3)
      ${unverifiedOnly ? Prisma.sql`AND r."verifiedAt" IS NULL` : Prisma.empty}`;
  return Number(row?.count ?? 0);
}

/**
 * The acknowledgements and codes that unproven senders' requests caused one mailbox since a moment: from this sender,
 * and from all of them. Each request queued one acknowledgement; each code row was one e-mail.
 */
export async function mailsToMailbox(tx: TenantTransaction, tenantId: string, email: string, sender: string, since: Date) {
  const after = Prisma.sql`${since.toISOString()}::timestamp(3)`;
  const [row] = await tx.$queryRaw<{ mine: bigint; everyone: bigint }[]>`
    WITH sent AS (
      SELECT r."senderKey" AS sender, 1 AS mails FROM "PrivacyRequest" r
      WHERE ${toMailbox(tenantId, email)} AND r."senderKey" IS NOT NULL AND r."receivedAt" > ${after}
      UNION ALL
      SELECT r."senderKey", 1 FROM "RequestVerificationCode" c JOIN "PrivacyRequest" r ON r.id = c."requestId"
      WHERE ${toMailbox(tenantId, email)} AND r."senderKey" IS NOT NULL AND c."createdAt" > ${after}
    )
    SELECT coalesce(sum(mails) FILTER (WHERE sender = ${sender}), 0) AS mine, coalesce(sum(mails), 0) AS everyone FROM sent`;
  return { fromSender: Number(row?.mine ?? 0), fromAll: Number(row?.everyone ?? 0) };
}

/** Refuses a request or code that would mail the mailbox more than its daily budgets allow. */
export async function refuseMailFlood(tx: TenantTransaction, tenantId: string, email: string, sender: string, since: Date) {
  const { fromSender, fromAll } = await mailsToMailbox(tx, tenantId, email, sender, since);
  if (fromSender >= MAILS_PER_MAILBOX_FROM_ONE_SENDER || fromAll >= MAILS_PER_MAILBOX) {
    throw new CustosError(
      "RATE_LIMITED",
      "This address has been sent all the e-mails it may get today; try again tomorrow, or sign in first.",
    );
  }
}
