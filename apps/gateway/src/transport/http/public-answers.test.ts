// The public catalogue's kept answers (public-answers.ts) must answer each document as GraphQL would: per document and
// variables, per caller's tenant, and never for a document that reads anything but the catalogue.
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway } from "../../../test/harness.ts";

const NAMES = "query ($language: String) { purposes { key name(language: $language) } }";
const MIXED = "{ purposes { key } viewer { kind } }";
const SHOP = "https://shop.test";

describe.each(TEST_ENGINES)("kept public answers on %s", (engine) => {
  it("answers a repeated catalogue document from its own variables, not from another's answer", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const marketing = (response: Awaited<ReturnType<typeof gateway.execute>>) =>
      dataOf<{ key: string; name: string }[]>(response, "purposes").find((purpose) => purpose.key === "marketing")?.name;
    for (let round = 0; round < 2; round++) {
      expect(marketing(await gateway.execute(NAMES, { language: "ru" }))).toBe("Маркетинг, реклама и коммуникации");
      expect(marketing(await gateway.execute(NAMES, {}))).toBe("Marketing, advertising and communications");
    }
  });

  it("never keeps a document that also reads something caller-specific", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const token = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] });
    // The same body both times: a kept answer is found by the request's exact text.
    expect(dataOf<{ kind: string }>(await gateway.execute(MIXED, {}), "viewer").kind).toBe("ANONYMOUS");
    expect(dataOf<{ kind: string }>(await gateway.execute(MIXED, {}, { token, origin: SHOP }), "viewer").kind).toBe("STOREFRONT");
  });

  it("answers a kept document only to a JSON POST, so GraphQL's own refusal of a simple cross-site request still holds", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const body = JSON.stringify({ query: NAMES, variables: {} });
    const post = (contentType: string) => fetch(gateway.graphqlUrl, { method: "POST", headers: { "content-type": contentType }, body });
    expect((await post("application/json")).status).toBe(200);
    const plain = await post("text/plain");
    expect(plain.status).toBe(400);
    expect(await plain.text()).not.toContain("purposes");
    // A client asking for the GraphQL-over-HTTP media type gets it, not the kept answer's application/json.
    const accept = "application/graphql-response+json";
    const typed = await fetch(gateway.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", accept }, body });
    expect(typed.headers.get("content-type")).toContain(accept);
  });

  it("still authenticates and refuses a caller before answering from a kept answer", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const token = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] });
    expect((await gateway.execute(NAMES, {}, { token, origin: SHOP })).status).toBe(200);
    expect(await gateway.execute(NAMES, {}, { token, origin: "https://evil.test" })).toMatchObject({
      status: 403,
      errors: [{ extensions: { code: "FORBIDDEN" } }],
    });
    expect(await gateway.execute(NAMES, {}, { token: "cus_pub_forged" })).toMatchObject({ status: 401 });
  });
});
