// Issue 25, finding 3: a restart of PostgreSQL ended a gateway run with its defaults (rate limits counted in
// PostgreSQL): the rate-limit store's pool had no 'error' listener, and the dropped idle connections' error event was
// unhandled. The gateway, as its own process, must live through the restart and serve again without being restarted.
// (The fault test, test/faults, does the same under load with two gateways.)
import { setTimeout as sleep } from "node:timers/promises";
import { startThrowawayCluster, type ThrowawayCluster } from "@custos/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type GatewayProcess, spawnGatewayProcess } from "../gateway-process.ts";
import { startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../harness.ts";

const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";

describe("issue 25: a PostgreSQL restart under a gateway with its default settings", () => {
  let cluster: ThrowawayCluster;
  let database: TestGateway;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    const built = buildGateway("test-issue-25-restart");
    cluster = await startThrowawayCluster({ durable: true });
    // Migrates and seeds the database and issues a staff key; the requests go to the process below.
    database = await startTestGateway("postgres", cluster.adminUrl, undefined, { rateLimits: "off" });
    if (database.database.db.target.kind !== "postgres") throw new Error("a PostgreSQL test database");
    gateway = await spawnGatewayProcess(
      { NODE_ENV: "development", DATABASE_URL: database.database.db.target.url, CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER },
      { args: built },
    );
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await database?.[Symbol.asyncDispose]().catch(() => {});
    await cluster?.stop();
  });

  const write = async (key: string) => {
    try {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${database.staffKey}` },
        body: JSON.stringify({
          query: RECORD,
          variables: { input: { subjectId: "restart", purpose: "marketing", decision: "GRANTED", channel: "API", idempotencyKey: key } },
        }),
      });
      return response.status;
    } catch {
      return 0;
    }
  };

  it("keeps running through a SIGKILL and restart of the database, and acknowledges writes after it", async () => {
    // Connections in every pool, the rate-limit store's among them, are open when the server dies.
    expect(await Promise.all(Array.from({ length: 8 }, (_, index) => write(`before-${index}`)))).toEqual(Array(8).fill(200));
    await cluster.signal("SIGKILL");
    await sleep(500);
    await cluster.start();
    let status = 0;
    for (let tries = 0; tries < 100 && status !== 200; tries++) {
      status = await write("after");
      if (status !== 200) await sleep(100);
    }
    expect(gateway.child.exitCode, gateway.output().slice(-2_000)).toBeNull();
    expect(gateway.child.signalCode).toBeNull();
    expect(status).toBe(200);
    expect(gateway.output()).not.toContain("Unhandled 'error' event");
  }, 60_000);
});
