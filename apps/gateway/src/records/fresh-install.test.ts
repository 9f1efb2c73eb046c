// Issue 15: a fresh install kept everything forever and told the storefront its data went nowhere. `npm start`'s
// embedded database is seeded with what the published policy says; this runs that start-up path and asks over HTTP.
import { DEFAULT_TENANT_SLUG, prepareDatabase, scopeToTenant } from "@custos/db";
import { expect, it } from "vitest";
import { TEST_KEY_PEPPER } from "../../test/harness.ts";
import { createApiKey } from "../access/api-key-service.ts";
import { startGateway } from "../app/server.ts";
import { silentLogger } from "../ground/logger.ts";

it("a fresh embedded install tells the truth: 3-year retention, transfers to China and Singapore, example systems", async () => {
  const database = await prepareDatabase({ kind: "pglite", dataDir: "memory://" });
  const gateway = await startGateway({ prisma: database.prisma, port: 0, log: silentLogger, keyPepper: TEST_KEY_PEPPER });
  try {
    const post = async (query: string, token?: string) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${gateway.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query }) });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    };
    const where = await post("{ whereDoesMyDataGo { countryCode recipients } }");
    expect(((where.data?.whereDoesMyDataGo ?? []) as { countryCode: string }[]).map(({ countryCode }) => countryCode)).toEqual([
      "CN",
      "SG",
    ]);
    const controller = await post("{ controller { name address } }");
    expect(controller.data?.controller).toMatchObject({
      name: expect.stringContaining("Huatuomingtonggong"),
      address: expect.stringContaining("Shenzhen"),
    });

    const tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: DEFAULT_TENANT_SLUG } });
    const staff = (await createApiKey(scopeToTenant(database.prisma, tenant.id), tenant.id, TEST_KEY_PEPPER, { kind: "STAFF", name: "t" }))
      .token;
    const policies = await post("{ retentionPolicies { dataCategory { key } periodMonths } }", staff);
    const rows = policies.data?.retentionPolicies as { periodMonths: number }[];
    expect(rows.length).toBe(7);
    expect(rows.every(({ periodMonths }) => periodMonths === 36)).toBe(true);
    const systems = await post("{ dataSystems { edges { node { key accountSystem } } } }", staff);
    expect(systems.data?.dataSystems).toEqual({
      edges: [{ node: { key: "accounts", accountSystem: true } }, { node: { key: "orders", accountSystem: false } }],
    });
    const record = await post("{ recordsOfProcessing(format: JSON) }", staff);
    expect(String(record.data?.recordsOfProcessing)).toContain("Singapore");
  } finally {
    await gateway.stop();
    await database.close();
  }
});
