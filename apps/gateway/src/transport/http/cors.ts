import type { IncomingMessage, ServerResponse } from "node:http";

const ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name";

export function allowOrigin(res: ServerResponse, origin: string) {
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", "x-request-id, retry-after");
}

/** Answers a preflight; an origin off the list gets no CORS headers, so the browser refuses. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowed: boolean) {
  res.setHeader("vary", "Origin");
  if (!allowed) {
    res.writeHead(403).end();
    return;
  }
  allowOrigin(res, req.headers.origin ?? "");
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
  res.setHeader("access-control-max-age", "600");
  res.writeHead(204).end();
}
