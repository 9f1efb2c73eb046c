// Issue 11: two sweeps at once queued two identity tasks per data system.
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway } from "../harness.ts";

const SWEEP = "mutation { sweepRetention(dryRun: false) { status counts { dataCategory tasksQueued } } }";

describe.each(TEST_ENGINES)("issue 11: concurrent retention sweeps on %s", (engine) => {
  it("two sweeps at once queue one task per data system and category; the sweep after it is done queues the next", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    for (const key of ["orders-app", "crm"]) {
      const created = await gateway.asStaff("mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
        input: { key, name: key },
      });
      expect(created.errors).toBeUndefined();
    }
    await gateway.asStaff(
      'mutation { setRetentionPolicy(input: { dataCategory: "identity", trigger: COLLECTION, action: ANONYMISE, legalBasis: CONTRACT }) { id } }',
    );
    const sweeps = await Promise.all([1, 2, 3].map(() => gateway.asStaff(SWEEP)));
    expect(sweeps.map((sweep) => sweep.errors)).toEqual([undefined, undefined, undefined]);
    const tasksQueued = (sweep: { data?: Record<string, unknown> | null }) =>
      (sweep.data?.sweepRetention as { counts: { tasksQueued: number }[] } | undefined)?.counts[0]?.tasksQueued ?? 0;
    const queued = sweeps.map(tasksQueued);
    expect(queued.reduce((sum, count) => sum + count, 0)).toBe(2);
    const open = await prisma.retentionTask.findMany({ where: { status: "PENDING" }, include: { dataSystem: true } });
    expect(open.map((task) => task.dataSystem.key).sort()).toEqual(["crm", "orders-app"]);

    const orders = open.find((task) => task.dataSystem.key === "orders-app");
    const service = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders-app" });
    const done = await gateway.execute(
      "mutation ($id: ID!) { completeRetentionTask(id: $id) { status } }",
      { id: orders?.id },
      { token: service },
    );
    expect(done.errors).toBeUndefined();
    const next = await gateway.asStaff(SWEEP);
    expect(tasksQueued(next)).toBe(1);
  });
});
