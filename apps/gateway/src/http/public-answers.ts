/**
 * The public catalogue's answers, kept for as long as the catalogue itself is (catalogue/catalogue-cache.ts): every
 * storefront page asks the same few documents of the purposes and cookie categories, which are read through that
 * cache already, so a kept answer is exactly as fresh as an answer computed from it.
 * A repeated document is answered from the kept bytes without running GraphQL, after its caller was authenticated and
 * rate-limited like any other; a policy publication through this process forgets the answers with the rest of the
 * tenant's catalogue, and another gateway's shows within the second.
 *
 * Only answers to public callers, only a query whose every root field is a catalogue field below (whose whole
 * answer, nested fields included, is the public catalogue), and only an answer without errors are kept.
 */
import type { Caller } from "../access/caller.ts";
import { keepCatalogue, peekCatalogue } from "../catalogue/catalogue-cache.ts";
import type { Context } from "../context.ts";

export const PUBLIC_CATALOGUE_FIELDS: ReadonlySet<string> = new Set(["purposes", "cookieCategories"]);

export interface PublicAnswer {
  headers: [string, string][];
  body: string;
  field?: string;
  operationName?: string;
}

const keptFor = (caller: Caller) => caller.kind === "anonymous" || caller.kind === "storefront";
const keyOf = (method: string, search: string, body: string) => `public answer ${method} ${search} ${body}`;

export function keptPublicAnswer(context: Context, method: string, search: string, body: string): Promise<PublicAnswer> | undefined {
  return keptFor(context.caller) ? peekCatalogue<PublicAnswer>(context.prisma, keyOf(method, search, body)) : undefined;
}

export function keepPublicAnswer(context: Context, method: string, search: string, body: string, answer: PublicAnswer): void {
  if (keptFor(context.caller) && context.record.publicCatalogue) keepCatalogue(context.prisma, keyOf(method, search, body), answer);
}
