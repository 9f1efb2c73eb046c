// Issue 25, finding 7: `pnpm storefront` against a real DATABASE_URL replaced the tenant's session key (the public
// key its storefront backend's shopper sessions are verified with) by the demo's, locking every real shopper out.
// The script is run as `pnpm storefront` runs it, against a PostgreSQL database whose tenant has a key configured.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEFAULT_TENANT_SLUG } from "@custos/db";
import { createMigratedTestDatabase, type MigratedTestDatabase } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../../storefront/scripts/start.ts", import.meta.url));
const CONFIGURED = {
  issuer: "https://shop.example.com",
  jwk: { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
};

describe("issue 25: the demo storefront and a configured tenant", () => {
  let database: MigratedTestDatabase;
  beforeAll(async () => {
    database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    await database.prisma.tenant.update({
      where: { slug: DEFAULT_TENANT_SLUG },
      data: { sessionIssuer: CONFIGURED.issuer, sessionPublicJwk: CONFIGURED.jwk },
    });
  });
  afterAll(() => database[Symbol.asyncDispose]());

  it("refuses in one line with DATABASE_URL set, and the tenant keeps its session key", async () => {
    const target = database.db.target;
    if (target.kind !== "postgres") throw new Error("a PostgreSQL test database was asked for");
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", SCRIPT],
        { env: { ...process.env, DATABASE_URL: target.url, PORT: "0", STOREFRONT_PORT: "0" }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    const tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: DEFAULT_TENANT_SLUG } });
    expect({ issuer: tenant.sessionIssuer, jwk: tenant.sessionPublicJwk }).toEqual(CONFIGURED);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("embedded database only");
  }, 90_000);
});
