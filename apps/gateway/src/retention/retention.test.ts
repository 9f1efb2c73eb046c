import { TEST_ENGINES } from "@custos/db/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { startTestGateway } from "../../test/harness.ts";

const SWEEP =
  "mutation ($dryRun: Boolean!) { sweepRetention(dryRun: $dryRun) { dryRun status startedBy counts { dataCategory processed held tasksQueued } } }";

describe.each(TEST_ENGINES)("retention over GraphQL on %s", (engine) => {
  afterEach(restoreClock);
  it("sets policies, holds a subject, sweeps (dry, then for real) and hands the data systems their tasks", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const created = await gateway.asStaff("mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
      input: { key: "orders-app", name: "Orders" },
    });
    expect(created.errors).toBeUndefined();
    // The account system told Custos of three people in 2020 and of one this year.
    const register = (externalId: string) =>
      gateway.asStaff("mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }", {
        input: { subjectId: externalId, email: `${externalId}@example.test` },
      });
    moveClockTo("2020-01-01T00:00:00Z");
    for (const externalId of ["old-1", "old-2", "kept-1"]) expect((await register(externalId)).errors).toBeUndefined();
    restoreClock();
    expect((await register("new-1")).errors).toBeUndefined();

    const invalid = await gateway.asStaff(
      'mutation { setRetentionPolicy(input: { dataCategory: "identity", periodMonths: 0, trigger: COLLECTION, action: ANONYMISE, legalBasis: CONTRACT }) { id } }',
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe("INVALID_RETENTION_PERIOD");
    const policy = await gateway.asStaff(
      'mutation { setRetentionPolicy(input: { dataCategory: "identity", trigger: COLLECTION, action: ANONYMISE, legalBasis: CONTRACT }) { periodMonths description } }',
    );
    expect(policy.data).toEqual({ setRetentionPolicy: { periodMonths: 36, description: "36 months after collection, then anonymised" } });

    const noScope = await gateway.asStaff('mutation { placeLegalHold(input: { reason: "everything" }) { id } }');
    expect(noScope.errors?.[0]?.extensions?.code).toBe("INVALID_LEGAL_HOLD");
    const hold = await gateway.asStaff('mutation { placeLegalHold(input: { subjectId: "kept-1", reason: "litigation" }) { id active } }');
    expect(hold.data?.placeLegalHold).toMatchObject({ active: true });

    const dry = await gateway.asStaff(SWEEP, { dryRun: true });
    expect(dry.data?.sweepRetention).toMatchObject({
      dryRun: true,
      status: "SUCCEEDED",
      startedBy: expect.stringMatching(/^staff:/),
      counts: [{ dataCategory: "identity", processed: 2, held: 1, tasksQueued: 1 }],
    });
    expect(await prisma.dataSubject.count({ where: { erasedAt: { not: null } } })).toBe(0);

    const real = await gateway.asStaff(SWEEP, { dryRun: false });
    expect(real.data?.sweepRetention).toMatchObject({ counts: [{ dataCategory: "identity", processed: 2, held: 1, tasksQueued: 1 }] });
    const remaining = await prisma.dataSubject.findMany({ where: { erasedAt: null }, orderBy: { externalId: "asc" } });
    expect(remaining.map((subject) => subject.externalId)).toEqual(["kept-1", "new-1"]);

    const service = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders-app" });
    const tasks = await gateway.execute(
      "{ retentionTasks(status: PENDING) { edges { node { id dataSystem dataCategory { key } action heldSubjectIds } } } }",
      {},
      { token: service },
    );
    const edges = (tasks.data as { retentionTasks: { edges: { node: { id: string } }[] } }).retentionTasks.edges;
    expect(edges.map((edge) => edge.node)).toEqual([
      {
        id: expect.any(String),
        dataSystem: "orders-app",
        dataCategory: { key: "identity" },
        action: "ANONYMISE",
        heldSubjectIds: ["kept-1"],
      },
    ]);
    const COMPLETE = "mutation ($id: ID!) { completeRetentionTask(id: $id) { status } }";
    const taskId = edges[0]?.node.id;
    expect((await gateway.execute(COMPLETE, { id: taskId }, { token: service })).data).toEqual({
      completeRetentionTask: { status: "DONE" },
    });
    expect((await gateway.execute(COMPLETE, { id: taskId }, { token: service })).errors?.[0]?.extensions?.code).toBe(
      "RETENTION_TASK_NOT_PENDING",
    );
  });
});
