import { randomBytes } from "node:crypto";
import { withClient } from "./pg-client.ts";

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates a uniquely named database on the server behind `adminUrl`; `drop()` removes it. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `custos_test_${randomBytes(8).toString("hex")}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      // FORCE ends sessions a test left open (e.g. an un-closed pool) instead of failing on them.
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
