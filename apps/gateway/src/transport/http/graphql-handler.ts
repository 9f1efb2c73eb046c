import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import type { Context } from "../../ground/context.ts";
import { recordOf } from "../../ground/request-record.ts";
import { keepPublicAnswer, keptPublicAnswer, publicAnswerKey } from "./public-answers.ts";
import { BodyTooLargeError, readBody } from "./read-body.ts";

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for failures before execution (credentials, limits, body). */
export function sendError(res: ServerResponse, status: number, code: string, message: string) {
  recordOf(res).errorCodes.push(code);
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** A 429 with the wait the caller should take. */
export function sendTooMany(res: ServerResponse, retryAfterSeconds: number, message = "Too many requests") {
  res.setHeader("retry-after", String(retryAfterSeconds));
  sendError(res, 429, "RATE_LIMITED", `${message}; retry after ${retryAfterSeconds} s.`);
}

function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.startsWith("application/json") || text === "") return text;
  return JSON.parse(text);
}

/** Bridges Node's HTTP request to Apollo Server, the way Apollo's own integrations do. */
export async function executeGraphql(
  server: ApolloServer<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  context: Context,
  maxBodyBytes: number,
  url: URL,
) {
  let text: string;
  let body: unknown;
  try {
    text = await readBody(req, maxBodyBytes);
    body = parseJsonBody(text, req.headers["content-type"]);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, "PAYLOAD_TOO_LARGE", error.message);
    return sendError(res, 400, "BAD_REQUEST", "request body is not valid JSON");
  }
  const method = (req.method ?? "GET").toUpperCase();
  const publicKey = publicAnswerKey(context, req, text);
  const kept = publicKey === undefined ? undefined : await keptPublicAnswer(context, publicKey);
  if (kept) {
    context.record.field = kept.field;
    context.record.operationName = kept.operationName;
    for (const [key, value] of kept.headers) res.setHeader(key, value);
    res.end(kept.body);
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: async () => context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    if (publicKey !== undefined && res.statusCode === 200 && context.record.errorCodes.length === 0) {
      const { field, operationName } = context.record;
      keepPublicAnswer(context, publicKey, {
        headers: [...response.headers],
        body: response.body.string,
        field,
        operationName,
      });
    }
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
