import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";

/** The same shape the request form takes, so an address that registers can also receive a code. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function parseEmail(raw: string, field = "email"): string {
  const email = raw.trim();
  if (!EMAIL.test(email)) throw new CustosError("INVALID_REQUEST", `${field} must be an e-mail address.`);
  return email;
}

export function parseLanguage(raw: string | null | undefined): string | null {
  if (raw == null || raw.trim() === "") return null;
  const language = raw.trim();
  if (!LANGUAGE.test(language)) throw new CustosError("INVALID_REQUEST", "language must be a BCP 47 tag such as ru or en.");
  return language;
}

export interface ContactInput {
  /** A customer's id; visitors have no contact points. */
  subjectId: string;
  /** The verified address; null removes it. */
  email: string | null;
  language?: string | null;
  /** When the registering system verified the address (a confirmation link, a code); now when omitted. */
  verifiedAt?: Date | null;
}

type ContactCaller = Pick<Context, "caller" | "tenantId" | "requestId">;

/**
 * Only the account system (a service key of a data system marked `accountSystem`) and privacy staff set where a
 * person's codes and notices go: whoever may change it could take over the person's requests.
 */
export async function assertMayRegisterContacts(db: TenantScopedPrisma, caller: Context["caller"]) {
  if (caller.kind === "staff") return;
  if (caller.kind === "service") {
    const system = await db.dataSystem.findFirst({ where: { id: caller.dataSystemId, retiredAt: null }, select: { accountSystem: true } });
    if (system?.accountSystem) return;
  }
  throw new CustosError("FORBIDDEN", "Only the account system's service key or privacy staff register a person's contact address.");
}

/** Registers, replaces or removes a subject's verified e-mail (and language); every change is an audit entry. */
export async function registerContact(db: TenantScopedPrisma, ctx: ContactCaller, input: ContactInput) {
  await assertMayRegisterContacts(db, ctx.caller);
  const email = input.email === null ? null : parseEmail(input.email);
  const language = parseLanguage(input.language);
  const verifiedAt = email === null ? null : (input.verifiedAt ?? new Date());
  if (verifiedAt && verifiedAt > new Date()) throw new CustosError("INVALID_REQUEST", "verifiedAt cannot be in the future.");
  return db.$transaction(async (tx) => {
    await tx.dataSubject.createMany({ data: [{ tenantId: ctx.tenantId, externalId: input.subjectId }], skipDuplicates: true });
    const subject = await tx.dataSubject.findFirstOrThrow({ where: { externalId: input.subjectId } });
    const updated = await tx.dataSubject.update({
      where: { id: subject.id },
      data: { contactEmail: email, contactEmailVerifiedAt: verifiedAt, ...(input.language !== undefined ? { language } : {}) },
    });
    await recordAudit(tx, ctx, { operation: email === null ? "removeSubjectContact" : "registerSubjectContact", subjectId: subject.id });
    return updated;
  });
}

export async function subjectContact(db: TenantScopedPrisma, ctx: ContactCaller, externalId: string) {
  const subject = await db.dataSubject.findFirst({ where: { externalId } });
  if (!subject) throw new CustosError("NOT_FOUND", "There is no such subject.");
  await recordAudit(db, ctx, { operation: "subjectContact", subjectId: subject.id });
  return subject;
}
