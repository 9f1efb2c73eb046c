// Requests go to people: the staff register fills as people sign in through a real OpenID provider, staff give requests
// to each other, the queue filters by who has them, and a request shows its notices and what each system answered.
import { type OpenIdProvider, startOpenIdProvider } from "@custos/testing/openid-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, startTestGateway, type TestGateway } from "../../../test/harness.ts";

const AUDIENCE = "urn:custos:gateway";
const PEOPLE = [
  { login: "alice", name: "Alice Officer", email: "alice@example.com", roles: ["default:staff"] },
  { login: "bob", name: "Bob Officer", email: "bob@example.com", roles: ["default:staff"] },
  { login: "audrey", name: "Audrey Auditor", email: "audrey@example.com", roles: ["default:auditor"] },
];
const ASSIGN = "mutation ($id: ID!, $to: String) { assignRequest(id: $id, assignee: $to) { assignee { subject name } assignedAt } }";
const QUEUE =
  "query ($assignee: String, $assigned: Boolean) { privacyRequests(assignee: $assignee, assigned: $assigned) { edges { node { id } } } }";

describe("assignment of requests to people", () => {
  let provider: OpenIdProvider;
  let gateway: TestGateway;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    provider = await startOpenIdProvider({ people: PEOPLE, audience: AUDIENCE });
    gateway = await startTestGateway("pglite", undefined, undefined, {
      openId: { issuer: provider.issuer, audience: AUDIENCE, jwksUrl: provider.jwksUrl, rolesClaim: "custos_roles" },
    });
    for (const { login } of PEOPLE) {
      token[login] = await provider.accessTokenFor(login);
      await gateway.execute("{ viewer { kind } }", {}, { token: token[login] });
    }
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
    await provider?.close();
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
