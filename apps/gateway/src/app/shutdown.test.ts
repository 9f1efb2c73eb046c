import { setTimeout as sleep } from "node:timers/promises";
import { findFreeLoopbackPort } from "@custos/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGateway, descendantsOf, isAlive, repoDir, slowRequest, spawnGatewayProcess } from "../../test/gateway-process.ts";

let built: string[];

const EMBEDDED = { CUSTOS_DATA_DIR: "memory://", NODE_ENV: "development" };

describe("stopping the gateway", () => {
  beforeAll(() => {
    built = buildGateway("test-shutdown");
  }, 120_000);

  it("lets a request in flight at SIGTERM finish, then exits 0 within 10 s", async () => {
    await using gateway = await spawnGatewayProcess(EMBEDDED, { args: built });
    const request = slowRequest(gateway.url);
    await request.sent;
    // Time for the gateway to read the headers: a connection whose request has not begun is idle, and closed at once.
    await sleep(500);
    const signalled = Date.now();
    gateway.child.kill("SIGTERM");
    await sleep(1000);
    // Stopped taking new requests, still serving the one it had.
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
    request.finish();
    const answer = await request.ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"key":"orders_and_trading"');
    const { code } = await gateway.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(gateway.output()).toContain('"message":"stopped"');
  }, 90_000);

  it("leaves no gateway behind when `npm start` gets SIGTERM", async () => {
    // The demo's desk and sign-in provider on free ports, not their fixed ones: another test or checkout may hold those.
    const demoPorts = { DESK_PORT: String(await findFreeLoopbackPort()), OIDC_PORT: String(await findFreeLoopbackPort()) };
    const start = await spawnGatewayProcess(
      { ...EMBEDDED, ...demoPorts },
      { command: "npm", args: ["start"], cwd: repoDir, startTimeoutMs: 180_000 },
    );
    const below = descendantsOf(start.child.pid ?? 0);
    expect(below.length).toBeGreaterThan(0);
    expect((await fetch(`${start.url}/health`)).status).toBe(200);
    const { code } = await start.stop();
    // npm reports its script's end by the signal's exit code.
    expect(code === 0 || code === 143).toBe(true);
    await sleep(500);
    expect(below.filter(isAlive)).toEqual([]);
    await expect(fetch(`${start.url}/health`)).rejects.toThrow();
  }, 240_000);
});
