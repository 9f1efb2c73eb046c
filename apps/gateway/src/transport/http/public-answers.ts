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
import type { IncomingMessage } from "node:http";
import { keepCatalogue, peekCatalogue } from "../../catalogue/catalogue-cache.ts";
import type { Context } from "../../ground/context.ts";

/**
 * A storefront's catalogue documents are a few hundred characters; a longer body (padded with variables or comments
 * the answer ignores) is answered but not kept, so distinct bodies cannot fill the cache with megabytes each.
 */
const MAX_KEPT_BODY = 4096;

export const PUBLIC_CATALOGUE_FIELDS: ReadonlySet<string> = new Set(["purposes", "cookieCategories"]);

export interface PublicAnswer {
  headers: [string, string][];
  body: string;
  field?: string;
  operationName?: string;
}

/**
 * Where a request's answer is kept: only a JSON POST (the requests GraphQL's own checks, CSRF prevention among them,
 * let through) of a public caller, found by its exact body and the answer's media type it accepts; undefined for every
 * other request.
 */
export function publicAnswerKey(context: Context, req: IncomingMessage, body: string): string | undefined {
  const publicCaller = context.caller.kind === "anonymous" || context.caller.kind === "storefront";
  const json = req.method === "POST" && req.headers["content-type"]?.startsWith("application/json");
  return publicCaller && json && body.length <= MAX_KEPT_BODY ? `public answer ${req.headers.accept ?? ""} ${body}` : undefined;
}

export function keptPublicAnswer(context: Context, key: string): Promise<PublicAnswer> | undefined {
  return peekCatalogue<PublicAnswer>(context.prisma, key);
}

export function keepPublicAnswer(context: Context, key: string, answer: PublicAnswer): void {
  if (context.record.publicCatalogue) keepCatalogue(context.prisma, key, answer);
}
