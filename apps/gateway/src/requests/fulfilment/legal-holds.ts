import type { TenantTransaction } from "@custos/db";
import { isHoldActive } from "../../retention/rules/legal-holds.ts";

/**
 * One active hold as the person and the systems are told of it: the category kept (null: everything) by key and by its
 * catalogue name, the legal ground from the list (null when staff gave only a reason), the reason, and until when.
 */
export interface HeldForErasure {
  category: string | null;
  categoryName: string | null;
  ground: string | null;
  reason: string;
  until: string | null;
}

/**
 * What an erasure must leave in place (GDPR Art. 17(3)(e); 152-FZ Art. 21(5) and PIPL Art. 47 keep data the law
 * requires): active legal holds on the person, and on a data category for everyone. `keep` lists the category keys
 * held, every category when a hold names no category.
 */
export async function heldData(
  db: Pick<TenantTransaction, "legalHold" | "dataCategory">,
  subjectId: string | null,
  now: Date,
): Promise<{ holds: HeldForErasure[]; keep: Set<string> }> {
  const candidates = await db.legalHold.findMany({
    where: { releasedAt: null, OR: [{ subjectId: null }, ...(subjectId ? [{ subjectId }] : [])] },
    include: { dataCategory: { select: { key: true, name: true } } },
  });
  // The query already left out holds on other people; a category-only hold covers this person too.
  const active = candidates.filter((hold) => isHoldActive(hold, now));
  const holds = active.map((hold) => ({
    category: hold.dataCategory?.key ?? null,
    categoryName: hold.dataCategory?.name ?? null,
    ground: hold.ground,
    reason: hold.reason,
    until: hold.expiresAt?.toISOString() ?? null,
  }));
  const keep = new Set(holds.flatMap((hold) => (hold.category ? [hold.category] : [])));
  if (holds.some((hold) => hold.category === null)) {
    for (const { key } of await db.dataCategory.findMany({ select: { key: true } })) keep.add(key);
  }
  return { holds, keep };
}
