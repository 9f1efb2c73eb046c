// A database that dies or hangs under load: acknowledged consent writes survive a SIGKILL of PostgreSQL exactly
// once, /health answers 503 within a second while it hangs, and the gateway recovers without a restart. The writes go
// to two built gateway processes run as production runs them (NODE_ENV=production, rate limits counted in
// PostgreSQL, graphile-worker jobs, metrics): none of them may exit (issue 25). Runs on a throwaway cluster of its
// own (killing the shared one would break other tests). Longer: `pnpm test:faults`.
import { setTimeout as sleep } from "node:timers/promises";
import { startThrowawayCluster, type ThrowawayCluster } from "@custos/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type GatewayProcess, spawnGatewayProcess } from "../gateway-process.ts";
import { startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../harness.ts";

const WRITES = Number(process.env.CUSTOS_FAULT_WRITES || 240);
const KILLS = Number(process.env.CUSTOS_FAULT_KILLS || 2);
const WRITERS = 8;
const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";

interface Attempt {
  status: number;
  code?: string;
  retryAfter?: string | null;
  eventId?: string;
}

describe("a PostgreSQL that is killed or hangs under the gateway", () => {
  let cluster: ThrowawayCluster;
  let gateway: TestGateway;
  /** The gateways the writes go to, each its own process with the production defaults. */
  let processes: GatewayProcess[] = [];
  beforeAll(async () => {
    const built = buildGateway("test-faults");
    cluster = await startThrowawayCluster({ durable: true });
    gateway = await startTestGateway("postgres", cluster.adminUrl, undefined, { rateLimits: "off" });
    if (gateway.database.db.target.kind !== "postgres") throw new Error("a PostgreSQL test database");
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: gateway.database.db.target.url,
      CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
      CUSTOS_TRUSTED_PROXIES: "127.0.0.1",
      CUSTOS_METRICS_TOKEN: "fault-test-metrics-token",
      // Counted in PostgreSQL as by default; the one staff key writes more than a person would in a minute.
      CUSTOS_RATE_LIMIT_STAFF: "1000000",
    };
    processes = await Promise.all([spawnGatewayProcess(production, { args: built }), spawnGatewayProcess(production, { args: built })]);
  }, 120_000);
  afterAll(async () => {
    await cluster?.signal("SIGCONT");
    await Promise.all(processes.map((running) => running.stop()));
    await gateway?.[Symbol.asyncDispose]().catch(() => {});
    await cluster?.stop();
  });

  /** Each attempt goes to the next process in turn: a retry reaches the other one. */
  let turn = 0;
  async function attempt(index: number, graphqlUrl = `${processes[turn++ % processes.length]?.url}/graphql`): Promise<Attempt> {
    const input = {
      subjectId: `fault-${index % 40}`,
      purpose: index % 3 === 0 ? "feature_testing" : "marketing",
      decision: index % 2 === 0 ? "GRANTED" : "WITHDRAWN",
      channel: "API",
      idempotencyKey: `fault-write-${index}`,
    };
    try {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${gateway.staffKey}` },
        body: JSON.stringify({ query: RECORD, variables: { input } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as {
        data?: { recordConsent?: { id: string } } | null;
        errors?: { extensions?: { code?: string } }[];
      };
      const eventId = body.data?.recordConsent?.id;
      return {
        status: response.status,
        code: body.errors?.[0]?.extensions?.code,
        retryAfter: response.headers.get("retry-after"),
        eventId,
      };
    } catch {
      return { status: 0 };
    }
  }

  it(`loses and duplicates none of ${WRITES} acknowledged idempotent consent writes across ${KILLS} SIGKILLs of PostgreSQL, and no gateway exits`, {
    timeout: Math.max(60_000, WRITES * 200),
  }, async () => {
    const acknowledged = new Map<number, string>();
    const failures: Attempt[] = [];
    const exits: unknown[] = [];
    for (const running of processes) void running.exited.then((exit) => exits.push(exit));
    let next = 0;
    const writer = async () => {
      while (next < WRITES) {
        const index = next++;
        for (let tries = 0; ; tries++) {
          const result = await attempt(index);
          if (result.status === 200 && result.eventId) {
            acknowledged.set(index, result.eventId);
            break;
          }
          failures.push(result);
          if (tries > 300 || exits.length === processes.length)
            throw new Error(`write ${index} never acknowledged: ${JSON.stringify(result)}; exits: ${JSON.stringify(exits)}`);
          await sleep(100);
        }
      }
    };
    const killer = async () => {
      for (let kill = 1; kill <= KILLS; kill++) {
        while (acknowledged.size < (WRITES * kill) / (KILLS + 1)) await sleep(20);
        await cluster.signal("SIGKILL");
        await sleep(300);
        await cluster.start();
      }
    };
    await Promise.all([killer(), ...Array.from({ length: WRITERS }, writer)]);

    const { prisma } = gateway.database;
    const events = await prisma.consentEvent.findMany({
      where: { subject: { externalId: { startsWith: "fault-" } } },
      select: { id: true },
    });
    const stored = new Set(events.map((event) => event.id));
    const lost = [...acknowledged.values()].filter((id) => !stored.has(id));
    const duplicated = events.length - acknowledged.size;
    const statuses: Record<string, number> = {};
    for (const failure of failures) {
      const label = failure.status === 0 ? "no answer" : `${failure.status} ${failure.code ?? ""}`.trim();
      statuses[label] = (statuses[label] ?? 0) + 1;
    }
    console.log(
      `fault run: ${WRITES} writes, ${KILLS} kills, ${processes.length} gateway processes, ${exits.length} exited, ` +
        `${acknowledged.size} acknowledged, ${events.length} events stored, ` +
        `${lost.length} lost, ${duplicated} duplicated; refused attempts: ${JSON.stringify(statuses)}`,
    );
    expect(exits, processes.map((running) => running.output().slice(-2_000)).join("\n")).toEqual([]);
    expect(acknowledged.size).toBe(WRITES);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    // While the database was down, answers were retryable 503s with Retry-After (or no answer at all), never 500s.
    for (const failure of failures) {
      if (failure.status === 0) continue;
      expect(failure).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE", retryAfter: expect.stringMatching(/^\d+$/) });
    }
    // Both still serve, jobs and metrics included, after the last restart.
    for (const running of processes) {
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      const metrics = await fetch(`${running.url}/metrics`, { headers: { authorization: "Bearer fault-test-metrics-token" } });
      expect(metrics.status).toBe(200);
    }
  });

  it("answers /health with 503 within a second while PostgreSQL hangs (SIGSTOP), and recovers without a restart", async () => {
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(200);
    await cluster.signal("SIGSTOP");
    try {
      const started = performance.now();
      const health = await fetch(`${gateway.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      const elapsedMs = performance.now() - started;
      expect(health.status).toBe(503);
      expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(elapsedMs).toBeLessThan(1_000);

      const hung = await attempt(1_000_000, gateway.graphqlUrl);
      expect(hung).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    } finally {
      await cluster.signal("SIGCONT");
    }
    for (let tries = 0; tries < 50 && (await fetch(`${gateway.baseUrl}/health`)).status !== 200; tries++) await sleep(100);
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(200);
    expect(await attempt(1_000_001, gateway.graphqlUrl)).toMatchObject({ status: 200, eventId: expect.any(String) });
  });
});
