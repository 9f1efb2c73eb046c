// Issue 25, finding 7: graphql-http's audit showed one warning more than a bare Apollo Server 5 does (86EE: a
// variable coercion failure asked for as `application/graphql-response+json` should answer 400). Measured: the
// gateway answers these 400; in the audit, 86EE comes after more than 60 anonymous requests within a minute from one
// address and was refused 429 by the anonymous rate limit (with CUSTOS_RATE_LIMITS=off the audit shows Apollo's own
// three warnings). These cases keep the 400, within the allowance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { startTestGateway, type TestGateway } from "../harness.ts";
import { rawRequest } from "./raw-http.ts";

describe("issue 25: the status of a variable coercion failure", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", undefined, silentLogger);
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const post = (accept: string, variables: unknown) =>
    rawRequest(gateway.baseUrl, "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify({ query: "query CheckVar($token: String!) { requestStatus(token: $token) { status } }", variables }),
    });

  it.each(["application/graphql-response+json", "application/graphql-response+json, application/json"])(
    "answers 400 with BAD_USER_INPUT (accept: %s)",
    async (accept) => {
      const response = await post(accept, { token: { "this is not a string": true } });
      expect(response.status).toBe(400);
      expect(String(response.headers["content-type"])).toContain("application/graphql-response+json");
      expect(JSON.parse(response.body).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    },
  );

  it("answers graphql-http's own case (86EE: an unused ID! variable given null) with 400", async () => {
    const response = await rawRequest(gateway.baseUrl, "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: "query CoerceFailure($id: ID!){ __typename }", variables: { id: null } }),
    });
    expect(response.status).toBe(400);
  });

  it("answers a variable that coerces as before: executed, with the operation's own error", async () => {
    const response = await post("application/graphql-response+json", { token: "not-a-token" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
