import { Client } from "pg";
import { expect, inject, it } from "vitest";
import { createTestDatabase } from "./index.ts";
import { withClient } from "./pg-client.ts";

it("creates a database on the test run's server and drops it even while a session is open", async () => {
  const database = await createTestDatabase(inject("postgresAdminUrl"));
  const name = new URL(database.url).pathname.slice(1);
  const openSession = new Client({ connectionString: database.url });
  openSession.on("error", () => {}); // the forced drop terminates this session
  await openSession.connect();
  expect((await openSession.query("select current_database() as name")).rows).toEqual([{ name }]);

  await database.drop();

  const remaining = await withClient(inject("postgresAdminUrl"), (admin) =>
    admin.query("select 1 from pg_database where datname = $1", [name]),
  );
  expect(remaining.rows).toEqual([]);
});
