import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { EXPLORER_SCRIPT_PATH, EXPLORER_STYLE_PATH } from "./explorer-route.ts";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("the GraphQL explorer at GET /graphql", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it("serves a browser a page that loads only from the gateway itself (works offline: no CDN)", async () => {
    const response = await fetch(gateway.graphqlUrl, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    const page = await response.text();
    const references = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.sort()).toEqual([EXPLORER_STYLE_PATH, EXPLORER_SCRIPT_PATH].sort());
    expect(page).not.toMatch(/https?:\/\//);
  });

  it("serves GraphiQL and React from the registry's packages, with the start script last", async () => {
    const script = await fetch(`${gateway.baseUrl}${EXPLORER_SCRIPT_PATH}`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const code = await script.text();
    expect(code).toContain("react.production.min.js");
    expect(code).toContain("GraphiQL");
    expect(code.trimEnd().endsWith("})();")).toBe(true);
    const style = await fetch(`${gateway.baseUrl}${EXPLORER_STYLE_PATH}`);
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await style.text()).toContain(".graphiql-container");
  });

  it("leaves GraphQL over GET and POST to the API (regression: Apollo's CDN landing page answered browsers)", async () => {
    const get = await fetch(`${gateway.graphqlUrl}?query=${encodeURIComponent("{ viewer { kind } }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(await get.json()).toEqual({ data: { viewer: { kind: "ANONYMOUS" } } });
    expect((await gateway.execute("{ viewer { kind } }")).data).toEqual({ viewer: { kind: "ANONYMOUS" } });
  });
});
