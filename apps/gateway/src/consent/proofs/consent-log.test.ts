import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../../../test/harness.ts";
import { consentCheckpointJob, type JobDependencies } from "../../app/jobs/tasks.ts";
import type { Logger } from "../../ground/logger.ts";

const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence } }";

async function recordMany(gateway: TestGateway, count: number, prefix: string) {
  for (let at = 0; at < count; at++) {
    const response = await gateway.asStaff(RECORD, {
      input: { subjectId: `${prefix}-${at % 4}`, purpose: "marketing", decision: at % 2 ? "WITHDRAWN" : "GRANTED", channel: "API" },
    });
    expect(response.errors).toBeUndefined();
  }
}

/** The perfect subtrees of a tree of n leaves: n leaves, n/2 pairs, n/4 quads, … */
const subtreesOf = (n: number) => {
  let count = 0;
  for (let width = 1; width <= n; width *= 2) count += Math.floor(n / width);
  return count;
};

describe.each(TEST_ENGINES)("the consent log's scheduled job on %s", (engine) => {
  it("builds the tree once when runners race, signs a checkpoint only when it grew, and stops at a broken chain", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const errors: string[] = [];
    const log: Logger = { info() {}, warn() {}, error: (message) => void errors.push(message) };
    const deps: JobDependencies = { prisma, log, transport: undefined, noticeMaxAttempts: 3, keyPepper: TEST_KEY_PEPPER };

    await recordMany(gateway, 11, "job");
    // Four runners at once, as four gateways' queues would if two crontab slots overlapped: the log's row lock orders them.
    await Promise.all(Array.from({ length: 4 }, () => consentCheckpointJob(deps, gateway.tenantId)));
    expect(await prisma.consentLogHead.findUniqueOrThrow({ where: { tenantId: gateway.tenantId } })).toMatchObject({ treeSize: 11 });
    expect(await prisma.consentLogNode.count()).toBe(subtreesOf(11));
    expect((await prisma.consentCheckpoint.findMany()).map((checkpoint) => checkpoint.treeSize)).toEqual([11]);
    expect(await prisma.signingKey.count()).toBe(1);

    await consentCheckpointJob(deps, gateway.tenantId);
    expect(await prisma.consentCheckpoint.count()).toBe(1);
    await recordMany(gateway, 6, "more");
    await consentCheckpointJob(deps, gateway.tenantId);
    expect((await prisma.consentCheckpoint.findMany({ orderBy: { treeSize: "asc" } })).map((checkpoint) => checkpoint.treeSize)).toEqual([
      11, 17,
    ]);
    expect(await prisma.consentLogNode.count()).toBe(subtreesOf(17));

    // Tamper test: an event not yet in the tree edited behind the ledger: the job signs nothing over the broken chain.
    await recordMany(gateway, 2, "late");
    await prisma.$executeRaw`UPDATE "ConsentEvent" SET channel = 'BANNER' WHERE sequence = 18`;
    await consentCheckpointJob(deps, gateway.tenantId);
    expect(errors).toEqual(["consent log stopped: no checkpoint is signed until the chain verifies"]);
    expect(await prisma.consentCheckpoint.count()).toBe(2);
    expect(await prisma.consentLogHead.findUniqueOrThrow({ where: { tenantId: gateway.tenantId } })).toMatchObject({ treeSize: 17 });
  });
});
