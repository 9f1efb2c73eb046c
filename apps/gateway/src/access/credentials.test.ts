import { scopeToTenant, seedCatalogue } from "@custos/db";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../../test/harness.ts";
import { issueKey, keyPrefixOf } from "./api-key-format.ts";
import { createApiKey } from "./api-key-service.ts";
import { SESSION_AUDIENCE } from "./session-token.ts";

const VIEWER = "{ viewer { kind tenant } }";
const STATE = 'query { consentState(subjectId: "shopper-1") { subjectId } }';

describe("credentials", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(restoreClock);

  async function refusal(token: string, query = VIEWER) {
    const response = await gateway.execute(query, {}, { token });
    return {
      status: response.status,
      code: response.errors?.[0]?.extensions?.code,
      message: response.errors?.[0]?.message,
      data: response.data,
    };
  }

  it("takes a live key to its kind and tenant, and records when it was used", async () => {
    const token = await gateway.issueKey({ kind: "AUDITOR", name: "auditor" });
    const response = await gateway.execute(VIEWER, {}, { token });
    expect(response.data).toEqual({ viewer: { kind: "AUDITOR", tenant: "default" } });
    const prefix = keyPrefixOf(token) as string;
    const key = await gateway.database.prisma.apiKey.findUniqueOrThrow({ where: { prefix } });
    expect(key.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(key)).not.toContain(token.slice(prefix.length));
  });

  it("refuses a revoked key", async () => {
    const token = await gateway.issueKey({ kind: "STAFF", name: "to revoke" });
    const prefix = keyPrefixOf(token) as string;
    await gateway.asStaff("mutation ($prefix: String!) { revokeApiKey(prefix: $prefix) { revokedAt } }", { prefix });
    expect(await refusal(token)).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      message: "The API key is not valid.",
      data: undefined,
    });
  });

  it("refuses an expired key", async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const token = await gateway.issueKey({ kind: "STAFF", name: "expiring", expiresAt });
    expect((await gateway.execute(VIEWER, {}, { token })).data).toEqual({ viewer: { kind: "STAFF", tenant: "default" } });
    moveClockTo(new Date(expiresAt.getTime() + 1000));
    expect(await refusal(token)).toMatchObject({ status: 401, code: "UNAUTHENTICATED", message: "The API key has expired." });
  });

  it("refuses malformed keys and headers", async () => {
    expect(await refusal("cus_stf_nothex_abc")).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      message: "The API key is malformed.",
    });
    const response = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic dXNlcjpwYXNz" },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a well-formed key it never issued, and one with a known prefix but another secret", async () => {
    expect(await refusal(issueKey("STAFF").token)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    const prefix = keyPrefixOf(gateway.staffKey) as string;
    const forged = `${prefix}${issueKey("STAFF").token.slice(prefix.length)}`;
    expect(await refusal(forged)).toMatchObject({ status: 401, code: "UNAUTHENTICATED", message: "The API key is not valid." });
  });

  it("refuses a key of another deployment (hashed with another pepper)", async () => {
    await using other = await startTestGateway("pglite", undefined, undefined, {
      keyPepper: "another-pepper-another-pepper-another-pepper",
    });
    expect(await other.execute(VIEWER, {}, { token: other.staffKey })).toMatchObject({
      status: 401,
      errors: [{ extensions: { code: "UNAUTHENTICATED" } }],
    });
  });

  it("keeps a key to its own tenant: another tenant's staff key sees that tenant only", async () => {
    const { prisma } = gateway.database;
    // A second shop installed by the seed, its key made as `pnpm keys create --tenant other` makes it.
    const other = await seedCatalogue(prisma, {
      tenantSlug: "other",
      controllerName: "Other Ltd",
      controllerEmail: "privacy@other.example",
    });
    const { token } = await createApiKey(scopeToTenant(prisma, other.tenantId), other.tenantId, TEST_KEY_PEPPER, {
      kind: "STAFF",
      name: "other staff",
    });
    expect((await gateway.execute(VIEWER, {}, { token })).data).toEqual({ viewer: { kind: "STAFF", tenant: "other" } });
    expect((await gateway.execute("{ controller { name email } }", {}, { token })).data).toEqual({
      controller: { name: "Other Ltd", email: "privacy@other.example" },
    });
  });

  it("lets a shopper read their own consent only", async () => {
    const own = await gateway.execute(STATE, {}, { token: await gateway.shopperSession("shopper-1") });
    expect(own.data).toEqual({ consentState: { subjectId: "shopper-1" } });
    const other = await gateway.execute(STATE, {}, { token: await gateway.shopperSession("shopper-2") });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses an expired session token", async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    const token = await gateway.shopperSession("shopper-1", { issuedAt: hourAgo, expiresAt: new Date(hourAgo.getTime() + 60_000) });
    expect(await refusal(token, STATE)).toMatchObject({ status: 401, code: "UNAUTHENTICATED", message: "The session token has expired." });
  });

  it("refuses a session token signed with another key, one from an unknown issuer, and one for another audience", async () => {
    const forger = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const sign = (issuer: string, audience: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "EdDSA" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject("shopper-1")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(forger.privateKey);
    for (const token of [
      await sign("https://storefront.test", SESSION_AUDIENCE),
      await sign("https://elsewhere.test", SESSION_AUDIENCE),
      await sign("https://storefront.test", "another-api"),
    ]) {
      expect(await refusal(token, STATE)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    }
  });

  it("refuses an unsigned (alg none) session token and one that is not a JWT at all", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ iss: "https://storefront.test", aud: SESSION_AUDIENCE, sub: "shopper-1" })).toString(
      "base64url",
    );
    expect(await refusal(`${header}.${payload}.`, STATE)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(await refusal("not-a-token", STATE)).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      message: "The session token is malformed.",
    });
  });

  it("lets a publishable key work only from its own origins", async () => {
    const token = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: ["https://shop.test"] });
    expect((await gateway.execute(VIEWER, {}, { token, origin: "https://shop.test" })).data).toEqual({
      viewer: { kind: "STOREFRONT", tenant: "default" },
    });
    const elsewhere = await gateway.execute(VIEWER, {}, { token, origin: "https://evil.test" });
    expect(elsewhere).toMatchObject({ status: 403, errors: [{ extensions: { code: "FORBIDDEN" } }] });
  });

  it("refuses to issue keys that could not work", async () => {
    const create = (input: Record<string, unknown>) =>
      gateway.asStaff("mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { token } }", { input });
    for (const input of [
      { kind: "PUBLISHABLE", name: "no origin" },
      { kind: "PUBLISHABLE", name: "bad origin", allowedOrigins: ["https://shop.test/path"] },
      { kind: "PUBLISHABLE", name: "plain http", allowedOrigins: ["http://shop.test"] },
      { kind: "SERVICE", name: "no system" },
      { kind: "PARTNER", name: "no processor", processor: "Nobody" },
      { kind: "STAFF", name: "" },
      { kind: "STAFF", name: "past", expiresAt: "2020-01-01T00:00:00Z" },
    ]) {
      expect((await create(input)).errors?.[0]?.extensions?.code, input.name).toBe("INVALID_API_KEY_REQUEST");
    }
  });
});
