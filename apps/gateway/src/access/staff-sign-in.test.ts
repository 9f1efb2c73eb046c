// Staff and auditors sign in as people through a real OpenID provider (oidc-provider on loopback): what the gateway
// accepts, what it refuses with which code, and that the audit log and "who verified" (P10) name the person.
import { type OpenIdProvider, startOpenIdProvider } from "@custos/testing/openid-provider";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../../test/harness.ts";

const AUDIENCE = "urn:custos:gateway";
const PEOPLE = [
  { login: "alice", name: "Alice Officer", email: "alice@example.com", roles: ["default:staff"] },
  { login: "audrey", name: "Audrey Auditor", email: "audrey@example.com", roles: ["default:auditor"] },
  { login: "nora", name: "Nora Noroles", email: "nora@example.com", roles: [] },
  { login: "otto", name: "Otto Othertenant", email: "otto@example.com", roles: ["acme:staff"] },
];
const VIEWER = "{ viewer { kind tenant person { subject name email actor } } }";
const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const VERIFY = 'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-7") { verifiedBy } }';

describe("staff sign-in through the company's OpenID provider", () => {
  let provider: OpenIdProvider;
  let gateway: TestGateway;
  beforeAll(async () => {
    provider = await startOpenIdProvider({ people: PEOPLE, audience: AUDIENCE });
    gateway = await startTestGateway("pglite", undefined, undefined, {
      openId: { issuer: provider.issuer, audience: AUDIENCE, jwksUrl: provider.jwksUrl, rolesClaim: "custos_roles" },
    });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
    await provider?.close();
  });
  afterEach(restoreClock);

  async function refusal(token: string) {
    const before = await gateway.database.prisma.auditLogEntry.count();
    const response = await gateway.execute(
      SUBMIT,
      { input: { type: "QUESTION", jurisdiction: "DE", contactEmail: "x@example.com" } },
      { token },
    );
    const written = (await gateway.database.prisma.auditLogEntry.count()) - before;
    return { status: response.status, code: response.errors?.[0]?.extensions?.code, data: response.data, written };
  }

  it("lets a person with the staff role act, and names them in the audit log and as who verified", async () => {
    const token = await provider.accessTokenFor("alice");
    const viewer = await gateway.execute(VIEWER, {}, { token });
    const actor = "staff:person:alice Alice Officer <alice@example.com>";
    expect(viewer.data).toEqual({
      viewer: { kind: "STAFF", tenant: "default", person: { subject: "alice", name: "Alice Officer", email: "alice@example.com", actor } },
    });
    const submitted = await gateway.execute(
      SUBMIT,
      { input: { type: "ERASURE", jurisdiction: "DE", contactEmail: "p@example.com" } },
      { token },
    );
    const id = dataOf<{ request: { id: string } }>(submitted, "submitRequest").request.id;
    const verified = await gateway.execute(VERIFY, { id }, { token });
    expect(dataOf(verified, "verifyRequestIdentity")).toEqual({ verifiedBy: actor });
    const log = await gateway.asStaff('{ auditLog(filter: { operation: "verifyRequestIdentity" }) { edges { node { actor } } } }');
    expect(dataOf<{ edges: { node: { actor: string } }[] }>(log, "auditLog").edges).toEqual([{ node: { actor } }]);
  });

  it("lets a person with the auditor role read and refuses them a change", async () => {
    const token = await provider.accessTokenFor("audrey");
    expect((await gateway.execute(VIEWER, {}, { token })).data?.viewer).toMatchObject({ kind: "AUDITOR" });
    const log = await gateway.execute("{ auditLog(first: 1) { edges { node { actor } } } }", {}, { token });
    expect(log.errors).toBeUndefined();
    const before = await gateway.database.prisma.dataSystem.count();
    const refused = await gateway.execute(
      'mutation { createDataSystem(input: { key: "crm", name: "CRM", dataCategories: ["identity"] }) { key } }',
      {},
      { token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await gateway.database.prisma.dataSystem.count()).toBe(before);
  });

  it("refuses a token signed with another key under the provider's name", async () => {
    // A second real provider that claims the first one's issuer: its tokens are well formed but its keys are not published.
    const forger = await startOpenIdProvider({ people: PEOPLE, audience: AUDIENCE, issuer: provider.issuer });
    try {
      expect(await refusal(await forger.accessTokenFor("alice"))).toEqual({
        status: 401,
        code: "UNAUTHENTICATED",
        data: undefined,
        written: 0,
      });
    } finally {
      await forger.close();
    }
  });

  it("refuses a token made by hand with a key of its own", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const token = await new SignJWT({ custos_roles: ["default:staff"], email: "mallory@example.com" })
      .setProtectedHeader({ alg: "RS256", kid: (await exportJWK(publicKey)).n?.slice(0, 8) ?? "k" })
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setSubject("alice")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    expect(await refusal(token)).toEqual({ status: 401, code: "UNAUTHENTICATED", data: undefined, written: 0 });
  });

  it("refuses an expired token", async () => {
    const token = await provider.accessTokenFor("alice");
    moveClockTo(new Date(Date.now() + 2 * 3600_000));
    expect(await refusal(token)).toEqual({ status: 401, code: "UNAUTHENTICATED", data: undefined, written: 0 });
  });

  it("refuses a token meant for another audience: the ID token, whose audience is the client", async () => {
    expect(await refusal(await provider.idTokenFor("alice"))).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
      data: undefined,
      written: 0,
    });
  });

  it("refuses a token of another issuer", async () => {
    const other = await startOpenIdProvider({ people: PEOPLE, audience: AUDIENCE });
    try {
      expect(await refusal(await other.accessTokenFor("alice"))).toEqual({
        status: 401,
        code: "UNAUTHENTICATED",
        data: undefined,
        written: 0,
      });
    } finally {
      await other.close();
    }
  });

  it("refuses a person without a role, and one whose role is in another tenant", async () => {
    expect(await refusal(await provider.accessTokenFor("nora"))).toEqual({ status: 403, code: "FORBIDDEN", data: undefined, written: 0 });
    expect(await refusal(await provider.accessTokenFor("otto"))).toEqual({ status: 403, code: "FORBIDDEN", data: undefined, written: 0 });
  });
});
