import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of this test run's PostgreSQL server; pass it to `createTestDatabase`. */
    postgresAdminUrl: string;
  }
}

/** vitest `globalSetup`: one PostgreSQL server per test run, stopped when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresAdminUrl", server.adminUrl);
  return () => server.stop();
}
