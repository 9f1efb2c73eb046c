import type { IncomingMessage } from "node:http";

/**
 * The request's URL, or undefined when its target is not a path on this server: `//`, `///`, `//[`, an
 * absolute form such as `http://%zz/` or `http://x:99999/`. Node hands such targets over unparsed, and
 * `new URL` throws on many of them, so every route reads the URL through here.
 */
export function requestUrl(req: IncomingMessage): URL | undefined {
  const target = req.url ?? "/";
  if (!target.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, "http://gateway");
  } catch {
    return undefined;
  }
}
