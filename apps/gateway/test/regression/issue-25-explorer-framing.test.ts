// Issue 25, finding 7: the explorer page at GET /graphql had no `frame-ancestors`: any site could frame it, with a
// staff key typed into its headers, and have the user click through a mutation (clickjacking).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { startTestGateway, type TestGateway } from "../harness.ts";
import { rawRequest } from "./raw-http.ts";

describe("issue 25: the explorer may not be framed", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", undefined, silentLogger);
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it("answers a browser's page load with frame-ancestors 'none' and X-Frame-Options DENY", async () => {
    const response = await rawRequest(gateway.baseUrl, "/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<div id="explorer"');
    const policy = String(response.headers["content-security-policy"]);
    expect(policy.split(";").map((directive) => directive.trim())).toContain("frame-ancestors 'none'");
    expect(response.headers["x-frame-options"]).toBe("DENY");
  });
});
