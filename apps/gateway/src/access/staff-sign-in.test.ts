// Staff and auditors sign in as people through a real OpenID provider (oidc-provider on loopback): what the gateway
// accepts, what it refuses with which code, and that the audit log and "who verified" (P10) name the person. Then the
// staff register their sign-ins fill, requests assigned to them, and what a request shows the desk (one gateway for
// both, to keep the suite's time down).
import { type OpenIdProvider, startOpenIdProvider } from "@custos/testing/openid-provider";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../../test/harness.ts";

const AUDIENCE = "urn:custos:gateway";
const PEOPLE = [
  { login: "alice", name: "Alice Officer", email: "alice@example.com", roles: ["default:staff"] },
  { login: "bob", name: "Bob Officer", email: "bob@example.com", roles: ["default:staff"] },
  { login: "audrey", name: "Audrey Auditor", email: "audrey@example.com", roles: ["default:auditor"] },
  { login: "nora", name: "Nora Noroles", email: "nora@example.com", roles: [] },
  { login: "otto", name: "Otto Othertenant", email: "otto@example.com", roles: ["acme:staff"] },
];
const VIEWER = "{ viewer { kind tenant person { subject name email actor } } }";
const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const ASSIGN = "mutation ($id: ID!, $to: String) { assignRequest(id: $id, assignee: $to) { assignee { subject name } assignedAt } }";
const QUEUE =
  "query ($assignee: String, $assigned: Boolean) { privacyRequests(assignee: $assignee, assigned: $assigned) { edges { node { id } } } }";
const VERIFY = 'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-7") { verifiedBy } }';

describe("people signed in through the company's OpenID provider", () => {
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

  describe("assignment of requests to people", () => {
    const token: Record<string, string> = {};
    beforeAll(async () => {
      for (const login of ["alice", "bob", "audrey"]) {
        token[login] = await provider.accessTokenFor(login);
        await gateway.execute("{ viewer { kind } }", {}, { token: token[login] });
      }
    });

    const submit = async (type = "OBJECTION") =>
      dataOf<{ request: { id: string } }>(
        await gateway.asStaff("mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }", {
          input: { type, jurisdiction: "DE", contactEmail: "person@example.com" },
        }),
        "submitRequest",
      ).request.id;
    const queue = async (variables: Record<string, unknown>) =>
      dataOf<{ edges: { node: { id: string } }[] }>(await gateway.asStaff(QUEUE, variables), "privacyRequests").edges.map(
        ({ node }) => node.id,
      );

    it("lists everyone who signed in, with the role their token gave them", async () => {
      const members = dataOf(
        await gateway.execute("{ staffMembers { subject name email role } }", {}, { token: token.audrey }),
        "staffMembers",
      );
      expect(members).toEqual([
        { subject: "alice", name: "Alice Officer", email: "alice@example.com", role: "staff" },
        { subject: "audrey", name: "Audrey Auditor", email: "audrey@example.com", role: "auditor" },
        { subject: "bob", name: "Bob Officer", email: "bob@example.com", role: "staff" },
      ]);
    });

    it("gives a request to a member of staff, names who did it in the audit log, and filters the queue by it", async () => {
      const id = await submit();
      const assigned = await gateway.execute(ASSIGN, { id, to: "bob" }, { token: token.alice });
      expect(dataOf(assigned, "assignRequest")).toMatchObject({ assignee: { subject: "bob", name: "Bob Officer" } });
      expect(await queue({ assignee: "bob" })).toEqual([id]);
      expect(await queue({ assigned: false })).not.toContain(id);
      const log = await gateway.asStaff('{ auditLog(filter: { operation: "assignRequest" }) { edges { node { actor details } } } }');
      expect(dataOf<{ edges: unknown[] }>(log, "auditLog").edges).toEqual([
        { node: { actor: "staff:person:alice Alice Officer <alice@example.com>", details: { assignee: "bob" } } },
      ]);
      const back = await gateway.execute(ASSIGN, { id, to: null }, { token: token.bob });
      expect(dataOf(back, "assignRequest")).toEqual({ assignee: null, assignedAt: null });
      expect(await queue({ assigned: false })).toContain(id);
    });

    it("refuses an auditor or a stranger as assignee, and an auditor assigning, writing nothing", async () => {
      const id = await submit();
      const before = await gateway.database.prisma.auditLogEntry.count();
      for (const to of ["audrey", "zed"]) {
        const refused = await gateway.execute(ASSIGN, { id, to }, { token: token.alice });
        expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_ASSIGNEE");
      }
      const byAuditor = await gateway.execute(ASSIGN, { id, to: "bob" }, { token: token.audrey });
      expect(byAuditor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await gateway.database.prisma.auditLogEntry.count()).toBe(before);
      expect(await queue({ assigned: false })).toContain(id);
    });

    it("shows a request's notices with their delivery state and what each data system answered", async () => {
      await gateway.asStaff('mutation { createDataSystem(input: { key: "crm", name: "CRM", dataCategories: ["identity"] }) { key } }');
      const service = await gateway.issueKey({ kind: "SERVICE", name: "crm", dataSystemKey: "crm" });
      const id = await submit();
      const [task] = dataOf<{ id: string }[]>(
        await gateway.execute("mutation { pullRequestTasks { id } }", {}, { token: service }),
        "pullRequestTasks",
      );
      await gateway.execute(
        "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { id } }",
        { input: { taskId: task?.id, confirmation: "no longer used for direct marketing" } },
        { token: service },
      );
      await gateway.deliverMail();
      const request = dataOf<{ tasks: unknown[]; notices: { template: string; status: string }[] }>(
        await gateway.execute(
          "query ($id: ID!) { privacyRequest(id: $id) { tasks { system status result } notices { template status sentAt } } }",
          { id },
          { token: token.audrey },
        ),
        "privacyRequest",
      );
      expect(request.tasks).toEqual([{ system: "crm", status: "DONE", result: { confirmation: "no longer used for direct marketing" } }]);
      // The only task done, the objection completed on its own: the person was told at receipt and at completion.
      expect(request.notices.map(({ template, status }) => ({ template, status }))).toEqual([
        { template: "request.acknowledgement", status: "SENT" },
        { template: "request.completion", status: "SENT" },
      ]);
    });
  });
});
