import { existsSync } from "node:fs";
import { connect } from "node:net";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { withClient } from "./pg-client.ts";
import { startPostgres } from "./postgres.ts";

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 2_000 });
    const settle = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once("connect", () => settle(true));
    socket.once("error", () => settle(false));
    socket.once("timeout", () => settle(false));
  });
}

async function query<Row extends object>(url: string, sql: string): Promise<Row[]> {
  return withClient(url, async (client) => (await client.query<Row>(sql)).rows);
}

async function databaseExists(adminUrl: string, databaseUrl: string): Promise<boolean> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const rows = await query<{ datname: string }>(adminUrl, "select datname from pg_database");
  return rows.some((row) => row.datname === name);
}

const localServerAnswers = await portAnswers(5432);

describe("startPostgres", () => {
  it("starts a throwaway cluster, serves databases, and leaves nothing behind when stopped", async () => {
    const server = await startPostgres("throwaway");
    const { port } = new URL(server.adminUrl);
    expect(server.kind).toBe("throwaway");
    const [settings] = await query<{ data_directory: string }>(server.adminUrl, "show data_directory");
    const folder = dirname(settings?.data_directory ?? "");
    expect(folder).toMatch(/custos-pg-/);

    const url = await server.createDatabase();
    expect(new URL(url).pathname).toMatch(/^\/custos_test_/);
    expect(await query(url, "select 1 as one")).toEqual([{ one: 1 }]);
    await query(url, "create table note (id int primary key, body text)");
    await query(url, "insert into note values (1, 'kept')");
    expect(await query(url, "select id, body from note")).toEqual([{ id: 1, body: "kept" }]);

    await server.dropDatabases();
    expect(await databaseExists(server.adminUrl, url)).toBe(false);

    await server.stop();
    expect(existsSync(folder)).toBe(false);
    expect(await portAnswers(Number(port))).toBe(false);
  });

  it.skipIf(!localServerAnswers)("uses the local server on 127.0.0.1:5432 in local mode", async () => {
    const server = await startPostgres("local");
    expect(server.kind).toBe("local");
    expect(server.adminUrl).toBe("postgresql://postgres@127.0.0.1:5432/postgres");

    const url = await server.createDatabase();
    expect(await query(url, "select current_database() as name")).toEqual([{ name: new URL(url).pathname.slice(1) }]);

    await server.stop();
    expect(await databaseExists(server.adminUrl, url)).toBe(false);
    expect(await portAnswers(5432)).toBe(true);
  });

  it("rejects an unknown mode", async () => {
    await expect(startPostgres("embedded")).rejects.toThrow(/Unknown CUSTOS_TEST_POSTGRES mode "embedded"/);
  });
});
