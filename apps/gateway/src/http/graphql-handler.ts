import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import type { Context } from "../context.ts";
import { BodyTooLargeError, readBody } from "./read-body.ts";

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.startsWith("application/json") || text === "") return text;
  return JSON.parse(text);
}

/** Bridges Node's HTTP request to Apollo Server, the way Apollo's own integrations do. */
export function graphqlHandler(server: ApolloServer<Context>, context: (requestId: string) => Promise<Context>, maxBodyBytes: number) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    // Returned to the caller, so a support question can be matched to the gateway's log lines.
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    let body: unknown;
    try {
      body = parseJsonBody(await readBody(req, maxBodyBytes), req.headers["content-type"]);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
      return sendJson(res, 400, { errors: [{ message: "request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const url = new URL(req.url ?? "/", "http://gateway");
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
      context: () => context(requestId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
