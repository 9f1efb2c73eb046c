import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway } from "../../test/harness.ts";

const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId email language } }";
const CONTACT = "query ($id: String!) { subjectContact(subjectId: $id) { email emailVerifiedAt erasedAt } }";

describe.each(TEST_ENGINES)("subjects' contact points on %s", (engine) => {
  it("are registered only by the account system and staff, audited, and removed by an erasure", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    await gateway.asStaff(create, { input: { key: "accounts", name: "Accounts", accountSystem: true } });
    await gateway.asStaff(create, { input: { key: "orders", name: "Orders" } });
    const accounts = await gateway.issueKey({ kind: "SERVICE", name: "accounts", dataSystemKey: "accounts" });
    const orders = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders" });
    const input = { subjectId: "cust-9", email: "nina@example.com", language: "ru" };

    // Whoever sets the address decides where a request's code goes, so an ordinary app's key may not.
    expect((await gateway.execute(REGISTER, { input }, { token: orders })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await gateway.execute(REGISTER, { input: { ...input, email: "not an address" } }, { token: accounts })).errors?.[0]?.extensions
        ?.code,
    ).toBe("INVALID_REQUEST");
    const visitor = { ...input, subjectId: "visitor:abcdefghijklmnopqrstuv" };
    expect((await gateway.execute(REGISTER, { input: visitor }, { token: accounts })).errors?.[0]?.extensions?.code).toBe(
      "INVALID_SUBJECT_ID",
    );
    expect((await gateway.execute(REGISTER, { input }, { token: accounts })).data?.registerSubjectContact).toEqual(input);
    expect((await gateway.execute(CONTACT, { id: "cust-9" }, { token: orders })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await gateway.asStaff(CONTACT, { id: "cust-9" })).data?.subjectContact).toMatchObject({
      email: "nina@example.com",
      erasedAt: null,
    });

    // A retired account system loses the power to change addresses.
    await gateway.asStaff('mutation { retireDataSystem(key: "accounts") { key } }');
    expect((await gateway.execute(REGISTER, { input }, { token: accounts })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // The person's erasure request: the code goes to the registered address, and the answer removes it.
    const session = await gateway.shopperSession("cust-9");
    const submitted = await gateway.execute(
      'mutation { submitRequest(input: { type: ERASURE, jurisdiction: "RU" }) { concerns request { status } } }',
      {},
      { token: session },
    );
    expect(submitted.data?.submitRequest).toEqual({ concerns: "ACCOUNT", request: { status: "IN_PROGRESS" } });
    const pulled = await gateway.execute("mutation { pullRequestTasks { id } }", {}, { token: orders });
    const [task] = (pulled.data?.pullRequestTasks ?? []) as { id: string }[];
    await gateway.execute(
      'mutation ($id: ID!) { completeRequestTask(input: { taskId: $id, confirmation: "erased" }) { status } }',
      { id: task?.id },
      { token: orders },
    );
    const { prisma } = gateway.database;
    expect(await prisma.outboxMessage.count({ where: { recipient: "nina@example.com", template: "request.completion" } })).toBe(1);
    const erased = await prisma.dataSubject.findFirstOrThrow({ where: { erasedAt: { not: null } } });
    expect(erased).toMatchObject({ contactEmail: null, contactEmailVerifiedAt: null, language: null });
    const operations = await prisma.auditLogEntry.findMany({ where: { subjectId: erased.id }, select: { operation: true } });
    expect(operations.map(({ operation }) => operation)).toContain("registerSubjectContact");
  });
});
