// Test support: a gateway with a credential of every caller kind, the values worth fuzzing with, and a
// fingerprint of every table, so a test can tell whether a refused call wrote anything.
import type { PrismaClient } from "@custos/db";
import { type Credentials, startTestGateway, type TestGateway } from "../harness.ts";
import type { KnownValues } from "./operations.ts";

export const FUZZ_ORIGIN = "https://shop.test";

export type FuzzCaller = "anonymous" | "storefront" | "shopper" | "service" | "partner" | "staff" | "auditor" | "refusedKey";
export const FUZZ_CALLERS: readonly FuzzCaller[] = [
  "anonymous",
  "storefront",
  "shopper",
  "service",
  "partner",
  "staff",
  "auditor",
  "refusedKey",
];

export interface FuzzWorld {
  gateway: TestGateway;
  known: KnownValues;
  credentials: Record<FuzzCaller, Credentials>;
  /** One hash over every row of every table (API keys' lastUsedAt left out: a bookkeeping write of authentication). */
  fingerprint(): Promise<string>;
  [Symbol.asyncDispose](): Promise<void>;
}

async function must<T>(gateway: TestGateway, query: string, variables: Record<string, unknown>, field: string): Promise<T> {
  const response = await gateway.asStaff(query, variables);
  const value = response.data?.[field];
  if (value == null) throw new Error(`fuzz world: ${field} failed: ${JSON.stringify(response.errors)}`);
  return value as T;
}

async function fingerprintQuery(prisma: PrismaClient): Promise<string> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS name, coalesce(string_agg(md5((to_jsonb(x) - 'lastUsedAt')::text), '' ORDER BY md5((to_jsonb(x) - 'lastUsedAt')::text)), '') AS rows FROM "${name}" x`,
  );
  return `SELECT md5(string_agg(name || ':' || rows, '|' ORDER BY name)) AS hash FROM (${parts.join(" UNION ALL ")}) t`;
}

export async function startFuzzWorld(engine: "pglite" | "postgres", postgresAdminUrl?: string): Promise<FuzzWorld> {
  const gateway = await startTestGateway(engine, postgresAdminUrl, undefined, { rateLimits: "off" });
  const { prisma } = gateway.database;
  // No public path registers a data system yet; a service key needs one.
  await prisma.dataSystem.create({ data: { tenantId: gateway.tenantId, key: "orders-app", name: "Orders" } });
  await must(
    gateway,
    "mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }",
    { input: { name: "Acme Cloud", country: "SG", purposes: ["support"], dataCategories: ["identity"] } },
    "createProcessor",
  );
  const key = async (input: Record<string, unknown>) =>
    (
      await must<{ token: string }>(
        gateway,
        "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { token } }",
        { input },
        "createApiKey",
      )
    ).token;
  const storefront = await key({ kind: "PUBLISHABLE", name: "fuzz shop", allowedOrigins: [FUZZ_ORIGIN] });
  const service = await key({ kind: "SERVICE", name: "fuzz app", dataSystem: "orders-app" });
  const partner = await key({ kind: "PARTNER", name: "fuzz partner", processor: "Acme Cloud" });
  const auditor = await key({ kind: "AUDITOR", name: "fuzz auditor" });
  const shopperId = "fuzz-shopper";
  // Valid for the whole of a long run (the default is 15 minutes).
  const shopper = await gateway.shopperSession(shopperId, { expiresAt: new Date(Date.now() + 12 * 3_600_000) });

  const grant = await must<{ id: string }>(
    gateway,
    "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }",
    { input: { subjectId: shopperId, purpose: "marketing", decision: "GRANTED", channel: "API", idempotencyKey: "fuzz-1" } },
    "recordConsent",
  );
  const submitted = await must<{ trackingToken: string; request: { id: string } }>(
    gateway,
    "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id } } }",
    { input: { type: "ACCESS", jurisdiction: "DE", contactEmail: "fuzz@example.com", subjectId: shopperId } },
    "submitRequest",
  );
  const unsubscribe = await must<string>(
    gateway,
    "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }",
    { subjectId: shopperId },
    "createUnsubscribeToken",
  );
  const known: KnownValues = {
    strings: [
      shopperId,
      "cust-1",
      "marketing",
      "feature_testing",
      "analytics",
      "identity",
      "DE",
      "US-CA",
      "RU",
      "CN",
      "SG",
      "orders-app",
      "Acme Cloud",
      "fuzz-1",
      "fuzz@example.com",
      grant.id,
      submitted.request.id,
      submitted.trackingToken,
      unsubscribe,
    ],
  };
  const fingerprintSql = await fingerprintQuery(prisma);
  return {
    gateway,
    known,
    credentials: {
      anonymous: {},
      storefront: { token: storefront, origin: FUZZ_ORIGIN },
      shopper: { token: shopper },
      service: { token: service },
      partner: { token: partner },
      staff: { token: gateway.staffKey },
      auditor: { token: auditor },
      refusedKey: { token: `cus_stf_000000000000_${"x".repeat(43)}` },
    },
    fingerprint: async () => (await prisma.$queryRawUnsafe<{ hash: string }[]>(fingerprintSql))[0]?.hash ?? "",
    [Symbol.asyncDispose]: () => gateway[Symbol.asyncDispose](),
  };
}
