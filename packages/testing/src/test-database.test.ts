import { Client } from "pg";
import { expect, inject, it } from "vitest";
import { createTestDatabase } from "./index.ts";

it("creates a database on the test run's server and drops it even while a session is open", async () => {
  const database = await createTestDatabase(inject("postgresAdminUrl"));
  const openSession = new Client({ connectionString: database.url });
  openSession.on("error", () => {}); // the forced drop terminates this session
  await openSession.connect();
  expect((await openSession.query("select current_database() as name")).rows).toEqual([{ name: new URL(database.url).pathname.slice(1) }]);

  await database.drop();

  const admin = new Client({ connectionString: inject("postgresAdminUrl") });
  await admin.connect();
  try {
    const { rows } = await admin.query("select 1 from pg_database where datname = $1", [new URL(database.url).pathname.slice(1)]);
    expect(rows).toEqual([]);
  } finally {
    await admin.end();
  }
});
