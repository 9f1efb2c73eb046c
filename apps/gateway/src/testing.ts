// The real gateway over HTTP on a fresh database, for this package's tests and the SDK's: `@custos/gateway/testing`.
import { createMigratedTestDatabase, type MigratedTestDatabase, type TestEngine } from "@custos/db/testing";
import { type Logger, silentLogger } from "./logger.ts";
import { startGateway } from "./server.ts";

export interface GraphqlResponse {
  status: number;
  requestId: string | null;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  database: MigratedTestDatabase;
  /** The GraphQL endpoint. */
  graphqlUrl: string;
  baseUrl: string;
  /** POSTs one operation as a browser or server client would. */
  execute(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTestGateway(engine: TestEngine, postgresAdminUrl?: string, log: Logger = silentLogger): Promise<TestGateway> {
  const database = await createMigratedTestDatabase(engine, postgresAdminUrl);
  try {
    const gateway = await startGateway({ prisma: database.prisma, port: 0, log });
    const graphqlUrl = `${gateway.url}/graphql`;
    return {
      database,
      graphqlUrl,
      baseUrl: gateway.url,
      execute: async (query, variables) => {
        const response = await fetch(graphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as Pick<GraphqlResponse, "data" | "errors">;
        return { status: response.status, requestId: response.headers.get("x-request-id"), ...body };
      },
      [Symbol.asyncDispose]: async () => {
        await gateway.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
