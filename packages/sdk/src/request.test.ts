import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PurposesDocument } from "../generated/graphql.ts";
import { createRequest } from "./request.ts";
import { failureOf } from "./test-support.ts";
import type { TypedDocument } from "./typed-document.ts";

/** A real HTTP server that is not a GraphQL server, like a proxy answering in front of the gateway. */
async function startPlainServer(status: number, contentType: string, body: string) {
  const server = createServer((_req, res) => res.writeHead(status, { "content-type": contentType }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const PURPOSE_KEYS = "query PurposeKeys { purposes { key } }" as TypedDocument<{ purposes: { key: string }[] }, Record<string, never>>;
// Variables typed loosely on purpose, to send what the SDK's own operations would not let through.
const SUBJECT_ID_OF = "query SubjectIdOf($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId } }" as TypedDocument<
  { consentState: { subjectId: string } },
  { subjectId: unknown }
>;

describe("request", () => {
  // One gateway for every test: none changes it, and its cold start (PGlite, the schema) took a test's whole 60 s on a
  // loaded 2-core machine when the first test paid for it.
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  }, 180_000);
  afterAll(() => gateway?.[Symbol.asyncDispose]());

  it("runs a generated document and a hand-typed one", async () => {
    const request = createRequest({ url: gateway.graphqlUrl });
    const generated = await request(PurposesDocument);
    const handTyped = await request(PURPOSE_KEYS);
    expect(handTyped.purposes.map(({ key }) => key)).toEqual(generated.purposes.map(({ key }) => key));
    expect(handTyped.purposes).toHaveLength(7);
  });

  it("sends the caller's token and headers through the caller's fetch, but always as JSON so CSRF prevention lets it in", async () => {
    const sent: Headers[] = [];
    const request = createRequest({
      url: gateway.graphqlUrl,
      fetch: (input, init) => {
        sent.push(new Headers(init?.headers));
        return fetch(input, init);
      },
      token: async () => gateway.staffKey,
      headers: async () => ({ "x-trace": "trace-1", "content-type": "text/plain" }),
    });
    expect((await request(PURPOSE_KEYS)).purposes).toHaveLength(7);
    expect(sent.map((headers) => [headers.get("authorization"), headers.get("x-trace"), headers.get("content-type")])).toEqual([
      [`Bearer ${gateway.staffKey}`, "trace-1", "application/json"],
    ]);
  });

  it("carries every GraphQL error, the first one's code and the HTTP status", async () => {
    const request = createRequest({ url: gateway.graphqlUrl });
    const error = await failureOf(request("query { purposes { nope } consentState { subjectId } }"));
    expect(error).toMatchObject({ name: "CustosError", code: "GRAPHQL_VALIDATION_FAILED", status: 400 });
    expect(error.errors.map(({ extensions }) => extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
    expect(error.message).toBe(error.errors[0]?.message);
  });

  it("reports a variable of the wrong type as BAD_USER_INPUT", async () => {
    const request = createRequest({ url: gateway.graphqlUrl });
    expect((await failureOf(request(SUBJECT_ID_OF, { subjectId: 42 }))).code).toBe("BAD_USER_INPUT");
  });

  it("passes on the gateway's refusal of an oversized request with its HTTP status", async () => {
    const request = createRequest({ url: gateway.graphqlUrl });
    const error = await failureOf(request(SUBJECT_ID_OF, { subjectId: "x".repeat(1024 * 1024) }));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
  });

  it("reports a URL off the gateway's GraphQL route as the gateway's NOT_FOUND", async () => {
    const request = createRequest({ url: `${gateway.baseUrl}/graphq` });
    expect(await failureOf(request(PURPOSE_KEYS))).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("reports an HTML error page as BAD_RESPONSE", async () => {
    await using proxy = await startPlainServer(502, "text/html", "<html><body>Bad Gateway</body></html>");
    const request = createRequest({ url: proxy.url });
    const error = await failureOf(request(PURPOSE_KEYS));
    expect(error).toMatchObject({ code: "BAD_RESPONSE", status: 502 });
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("reports JSON that is not a GraphQL response as BAD_RESPONSE", async () => {
    await using server = await startPlainServer(200, "application/json", JSON.stringify(["not", "graphql"]));
    const request = createRequest({ url: server.url });
    expect(await failureOf(request(PURPOSE_KEYS))).toMatchObject({ code: "BAD_RESPONSE", status: 200 });
  });
});
