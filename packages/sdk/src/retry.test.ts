import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createClient } from "./client.ts";
import { CustosError } from "./custos-error.ts";
import { createRequest } from "./request.ts";
import { parseRetryAfter, retryDelay } from "./retry.ts";
import { failureOf } from "./test-support.ts";
import type { TypedDocument } from "./typed-document.ts";

type Handler = (body: { query: string; variables?: Record<string, unknown> }, res: ServerResponse, req: IncomingMessage) => void;

/** A real HTTP server answering each POST with the next handler, recording what it was sent. */
async function startScriptedServer(...handlers: Handler[]) {
  const received: { query: string; variables?: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      const body = JSON.parse(text);
      received.push(body);
      (handlers[received.length - 1] ?? handlers.at(-1))?.(body, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const answer =
  (data: unknown): Handler =>
  (_body, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
const rateLimited =
  (retryAfter: string): Handler =>
  (_body, res) =>
    res
      .writeHead(429, { "content-type": "application/json", "retry-after": retryAfter })
      .end(JSON.stringify({ errors: [{ message: "slow down", extensions: { code: "RATE_LIMITED" } }] }));
const unavailable: Handler = (_body, res) =>
  res
    .writeHead(503, { "content-type": "application/json" })
    .end(JSON.stringify({ errors: [{ message: "db", extensions: { code: "DATABASE_UNAVAILABLE" } }] }));
const hang: Handler = () => {};

const KEYS = "query Keys { purposes { key } }" as TypedDocument<{ purposes: { key: string }[] }, Record<string, never>>;
const WRITE = "mutation Write($input: RecordConsentInput!) { recordConsent(input: $input) { id } }" as TypedDocument<
  { recordConsent: { id: string } },
  { input: Record<string, unknown> }
>;

describe("timeouts, retries and Retry-After", () => {
  it("fails a call the gateway never answers with TIMEOUT instead of hanging", async () => {
    await using server = await startScriptedServer(hang);
    const request = createRequest({ url: server.url, timeoutMs: 200, retry: { retries: 0 } });
    expect(await failureOf(request(KEYS))).toMatchObject({ code: "TIMEOUT", status: undefined });
  });

  it("ends a call when the caller's AbortSignal fires, as ABORTED, without retrying", async () => {
    await using server = await startScriptedServer(hang);
    const controller = new AbortController();
    const call = createRequest({ url: server.url }).with({ signal: controller.signal })(KEYS);
    setTimeout(() => controller.abort(), 50);
    expect(await failureOf(call)).toMatchObject({ code: "ABORTED" });
    expect(server.received).toHaveLength(1);
  });

  it("exposes the Retry-After of a RATE_LIMITED answer, and waits for it before retrying a read", async () => {
    await using refused = await startScriptedServer(rateLimited("7"));
    expect(await failureOf(createRequest({ url: refused.url, retry: { retries: 0 } })(KEYS))).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      retryAfter: 7,
    });

    await using server = await startScriptedServer(rateLimited("0"), answer({ purposes: [{ key: "marketing" }] }));
    expect((await createRequest({ url: server.url })(KEYS)).purposes).toEqual([{ key: "marketing" }]);
    expect(server.received).toHaveLength(2);
  });

  it("gives up at once when Retry-After asks for longer than the longest wait", async () => {
    await using server = await startScriptedServer(rateLimited("3600"));
    expect(await failureOf(createRequest({ url: server.url, retry: { maxDelayMs: 1000 } })(KEYS))).toMatchObject({ retryAfter: 3600 });
    expect(server.received).toHaveLength(1);
  });

  it("never repeats a write without an idempotency key, and repeats one with a key until it lands", async () => {
    await using once = await startScriptedServer(unavailable);
    const unkeyed = createRequest({ url: once.url, retry: { baseDelayMs: 1 } })(WRITE, { input: { subjectId: "cust-1" } });
    expect(await failureOf(unkeyed)).toMatchObject({ code: "DATABASE_UNAVAILABLE", status: 503 });
    expect(once.received).toHaveLength(1);

    await using server = await startScriptedServer(unavailable, unavailable, answer({ recordConsent: { id: "1" } }));
    const keyed = createRequest({ url: server.url, retry: { baseDelayMs: 1 } })(WRITE, {
      input: { subjectId: "cust-1", idempotencyKey: "k-1" },
    });
    expect(await keyed).toEqual({ recordConsent: { id: "1" } });
    expect(server.received.map((body) => body.variables?.input)).toEqual(Array(3).fill({ subjectId: "cust-1", idempotencyKey: "k-1" }));
  });

  it("gives each SDK write an idempotency key of its own, the same on every attempt, unless the caller chose one", async () => {
    const event = { id: "1", subjectId: "cust-1" };
    await using server = await startScriptedServer(unavailable, answer({ recordConsent: event }), answer({ recordConsent: event }));
    const custos = createClient({ url: server.url, retry: { baseDelayMs: 1 } });
    await custos.consent.set({ subjectId: "cust-1", purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
    await custos.consent.set({ subjectId: "cust-1", purpose: "marketing", decision: "GRANTED", channel: "BANNER", idempotencyKey: "mine" });
    const keys = server.received.map((body) => (body.variables as { input: { idempotencyKey: string } }).input.idempotencyKey);
    expect(keys[0]).toMatch(/^sdk:[\w-]{22}$/);
    expect(keys).toEqual([keys[0], keys[0], "mine"]);
  });
});

describe("retry rules", () => {
  const error = (code: string, retryAfter?: number) => new CustosError("x", { code, retryAfter });

  it("backs off exponentially with jitter, and stops after the last retry or on a caller's mistake", () => {
    expect([0, 1, 2].map((attempt) => retryDelay(error("NETWORK_ERROR"), attempt, { retries: 3, baseDelayMs: 100 }, () => 1))).toEqual([
      100, 200, 400,
    ]);
    expect(retryDelay(error("NETWORK_ERROR"), 0, { baseDelayMs: 100 }, () => 0)).toBe(50);
    expect(retryDelay(error("NETWORK_ERROR"), 2, {})).toBeUndefined();
    expect(retryDelay(error("UNKNOWN_PURPOSE"), 0, {})).toBeUndefined();
    expect(retryDelay(error("RATE_LIMITED", 2), 0, {})).toBe(2000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
