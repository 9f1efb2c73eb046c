// The real gateway over HTTP on a fresh database, for this package's tests and the SDK's: `@custos/gateway/testing`.
import { DEFAULT_TENANT_SLUG, scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase, type MigratedTestDatabase, type TestEngine } from "@custos/db/testing";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createApiKey, type NewApiKey } from "../src/access/api-key-service.ts";
import { SESSION_AUDIENCE } from "../src/access/session-token.ts";
import { type GatewayOptions, startGateway } from "../src/app/server.ts";
import { type DispatchOptions, type DispatchResult, dispatchOutbox } from "../src/cross-tenant/outbox-dispatch.ts";
import { dispatchWebhooks } from "../src/cross-tenant/webhook-dispatch.ts";
import { type Logger, silentLogger } from "../src/ground/logger.ts";
import { fanOutConsentChanges } from "../src/recipients/fan-out.ts";
import { RecordingTransport } from "./recording-transport.ts";

export interface GraphqlResponse {
  status: number;
  requestId: string | null;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface Credentials {
  /** An API key or a shopper session token, sent as `Authorization: Bearer …`. */
  token?: string;
  origin?: string;
  /** Sent as `X-Forwarded-For`: the caller's address, read only by a gateway started with trustedProxies 127.0.0.1. */
  forwardedFor?: string;
}

export interface TestGateway {
  database: MigratedTestDatabase;
  /** The GraphQL endpoint. */
  graphqlUrl: string;
  baseUrl: string;
  tenantId: string;
  /** A privacy-staff key of the default tenant, issued at start. */
  staffKey: string;
  /** POSTs one operation as a browser or server client would; anonymous unless credentials are given. */
  execute(query: string, variables?: Record<string, unknown>, credentials?: Credentials): Promise<GraphqlResponse>;
  /** Creates an API key in the default tenant and returns the key itself. */
  issueKey(input: NewApiKey): Promise<string>;
  /** What the outbox has sent so far, through `deliverMail`. */
  mail: RecordingTransport;
  /** Sends the pending notices once, as the delivery job would. */
  deliverMail(options?: DispatchOptions): Promise<DispatchResult>;
  /**
   * Fans out every tenant's consent changes to the registered webhook endpoints and makes every due delivery attempt
   * once, now; `maxAttempts` (12 by default) is the attempt that dead-letters.
   */
  deliverWebhooks(options?: { maxAttempts?: number }): Promise<{ delivered: number; retrying: number; failed: number }>;
  /** `execute` with the staff key. */
  asStaff(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  /** A session token for the shopper, signed as the storefront's backend would sign it. */
  shopperSession(subjectId: string, options?: { issuedAt?: Date; expiresAt?: Date }): Promise<string>;
  /** Stops the HTTP server and keeps the database: the gateway gone away, as an outage looks to its clients. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and database, after `stopServer`. */
  startServer(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The field's data from a response that must have succeeded. */
export function dataOf<T>(response: { data?: Record<string, unknown> | null; errors?: unknown }, field: string): T {
  const value = response.data?.[field];
  if (value == null) throw new Error(`no ${field} in ${JSON.stringify(response.errors)}`);
  return value as T;
}

export const TEST_KEY_PEPPER = "test-pepper-that-is-long-enough-for-the-check";
const TEST_SESSION_ISSUER = "https://storefront.test";

export async function startTestGateway(
  engine: TestEngine,
  postgresAdminUrl?: string,
  log: Logger = silentLogger,
  options: Partial<GatewayOptions> = {},
): Promise<TestGateway> {
  const database = await createMigratedTestDatabase(engine, postgresAdminUrl);
  try {
    const { prisma } = database;
    const sessionKeys = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const tenant = await prisma.tenant.update({
      where: { slug: DEFAULT_TENANT_SLUG },
      data: { sessionIssuer: TEST_SESSION_ISSUER, sessionPublicJwk: { ...(await exportJWK(sessionKeys.publicKey)), alg: "EdDSA" } },
    });
    const start = (port: number) => startGateway({ prisma, port, log, keyPepper: TEST_KEY_PEPPER, originCacheMs: 0, ...options });
    let gateway: Awaited<ReturnType<typeof startGateway>> | undefined = await start(0);
    const port = Number(new URL(gateway.url).port);
    const graphqlUrl = `${gateway.url}/graphql`;
    const issueKey = async (input: NewApiKey) =>
      (await createApiKey(scopeToTenant(prisma, tenant.id), tenant.id, TEST_KEY_PEPPER, input)).token;
    const execute: TestGateway["execute"] = async (query, variables, credentials = {}) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
      if (credentials.origin) headers.origin = credentials.origin;
      if (credentials.forwardedFor) headers["x-forwarded-for"] = credentials.forwardedFor;
      const response = await fetch(graphqlUrl, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as Pick<GraphqlResponse, "data" | "errors">;
      return { status: response.status, requestId: response.headers.get("x-request-id"), ...body };
    };
    const staffKey = await issueKey({ kind: "STAFF", name: "test staff" });
    const mail = new RecordingTransport();
    return {
      mail,
      deliverMail: (options) => dispatchOutbox(prisma, mail, options),
      deliverWebhooks: (options) =>
        dispatchWebhooks(
          prisma,
          TEST_KEY_PEPPER,
          async () => {
            // Every change so far: the fan-out takes a batch of events a call.
            for (const { id } of await prisma.tenant.findMany({ select: { id: true } })) {
              while ((await fanOutConsentChanges(scopeToTenant(prisma, id), id)) > 0);
            }
          },
          options?.maxAttempts,
        ),
      database,
      graphqlUrl,
      baseUrl: gateway.url,
      tenantId: tenant.id,
      staffKey,
      execute,
      issueKey,
      asStaff: (query, variables) => execute(query, variables, { token: staffKey }),
      shopperSession: (subjectId, { issuedAt = new Date(), expiresAt = new Date(issuedAt.getTime() + 15 * 60_000) } = {}) =>
        new SignJWT({})
          .setProtectedHeader({ alg: "EdDSA" })
          .setIssuer(TEST_SESSION_ISSUER)
          .setAudience(SESSION_AUDIENCE)
          .setSubject(subjectId)
          .setIssuedAt(issuedAt)
          .setExpirationTime(expiresAt)
          .sign(sessionKeys.privateKey),
      stopServer: async () => {
        await gateway?.stop();
        gateway = undefined;
      },
      startServer: async () => {
        gateway ??= await start(port);
      },
      [Symbol.asyncDispose]: async () => {
        await gateway?.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
