import { answers } from "./pg-client.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";
import { startThrowawayCluster } from "./throwaway-cluster.ts";

export interface PostgresServer {
  readonly adminUrl: string;
  readonly kind: "local" | "throwaway";
  /** Creates a new, uniquely named database (`custos_test_…`) and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops every database this server object created. */
  dropDatabases(): Promise<void>;
  /** Drops the databases and, for a throwaway cluster, stops it and removes its folder. */
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const LOCAL_PROBE_TIMEOUT_MS = 2_000;

/**
 * A real PostgreSQL for a test run. Modes (`CUSTOS_TEST_POSTGRES`): `local` uses the server on
 * 127.0.0.1:5432, `throwaway` starts a new cluster, `auto` uses the local server when it answers.
 * An empty variable counts as unset, as CI systems often pass unset variables that way.
 */
export async function startPostgres(mode = process.env.CUSTOS_TEST_POSTGRES || "auto"): Promise<PostgresServer> {
  switch (mode) {
    case "local":
      if (!(await answers(LOCAL_ADMIN_URL, LOCAL_PROBE_TIMEOUT_MS))) {
        throw new Error(
          `No PostgreSQL server answers at ${LOCAL_ADMIN_URL} (CUSTOS_TEST_POSTGRES=local). ` +
            'Start one there, or use "throwaway" or "auto" to start a cluster for the test run.',
        );
      }
      return useLocalServer();
    case "throwaway":
      return useThrowawayCluster();
    case "auto":
      return (await answers(LOCAL_ADMIN_URL, LOCAL_PROBE_TIMEOUT_MS)) ? useLocalServer() : useThrowawayCluster();
    default:
      throw new Error(`Unknown CUSTOS_TEST_POSTGRES mode "${mode}": use "auto", "local" or "throwaway".`);
  }
}

function useLocalServer(): PostgresServer {
  announce("the local PostgreSQL server at 127.0.0.1:5432");
  return trackDatabases(LOCAL_ADMIN_URL, "local", async () => {});
}

async function useThrowawayCluster(): Promise<PostgresServer> {
  const cluster = await startThrowawayCluster();
  announce(`a throwaway PostgreSQL cluster at ${new URL(cluster.adminUrl).host} (folder ${cluster.folder})`);
  return trackDatabases(cluster.adminUrl, "throwaway", cluster.stop);
}

function announce(server: string): void {
  process.stderr.write(`[@custos/testing] tests use ${server}\n`);
}

function trackDatabases(adminUrl: string, kind: PostgresServer["kind"], shutDownServer: () => Promise<void>): PostgresServer {
  const databases = new Set<TestDatabase>();
  let stopping: Promise<void> | undefined;

  const dropDatabases = async () => {
    for (const database of databases) {
      await database.drop();
      databases.delete(database);
    }
  };

  return {
    adminUrl,
    kind,
    createDatabase: async () => {
      const database = await createTestDatabase(adminUrl);
      databases.add(database);
      return database.url;
    },
    dropDatabases,
    stop: () => {
      stopping ??= dropDatabases().finally(shutDownServer);
      return stopping;
    },
  };
}
