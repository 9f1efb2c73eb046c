// The raw-SQL baselines: pgbench (PostgreSQL's own load generator) running recordConsent's and consentState's statements.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { findPostgresBinaries, withClient } from "@custos/testing";

const run = promisify(execFile);
const sqlFile = (name: string) => fileURLToPath(new URL(`./sql/${name}`, import.meta.url));

export interface BaselineTenant {
  tenantId: string;
  purposeId: string;
}

/** A tenant of the baseline's own, so its rows never mix with the gateway's chain, with one consent purpose. */
export async function createBaselineTenant(databaseUrl: string): Promise<BaselineTenant> {
  return withClient(databaseUrl, async (client) => {
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO "Tenant" (id, slug, "controllerName", "controllerEmail") VALUES (gen_random_uuid(), 'pgbench', 'pgbench', 'pgbench@example.test') RETURNING id`,
    );
    const tenantId = tenant.rows[0]?.id ?? "";
    const purpose = await client.query<{ id: string }>(
      `INSERT INTO "Purpose" (id, "tenantId", key, name, description, "legalBasis") VALUES (gen_random_uuid(), $1, 'marketing', 'Marketing', 'pgbench', 'CONSENT') RETURNING id`,
      [tenantId],
    );
    await client.query(`INSERT INTO "ConsentChainHead" ("tenantId", sequence, hash) VALUES ($1, 0, 'genesis')`, [tenantId]);
    // The unlocked script numbers its events from here, clear of the locked script's 1, 2, 3 … in the same tenant.
    await client.query("CREATE SEQUENCE pgbench_sequence START 1000000000");
    return { tenantId, purposeId: purpose.rows[0]?.id ?? "" };
  });
}

export interface BaselineResult {
  perSecond: number;
  failed: number;
}

/** Transactions per second of recordConsent's statements with `clients` connections, with or without the chain lock. */
export function rawRecordConsent(
  databaseUrl: string,
  tenant: BaselineTenant,
  options: { clients: number; seconds: number; chainLock: boolean },
): Promise<BaselineResult> {
  const script = options.chainLock ? "record-consent-locked.sql" : "record-consent.sql";
  return runPgbench(databaseUrl, script, { tenant: tenant.tenantId, purpose: tenant.purposeId }, options);
}

/** Checks per second of consentState's statements (`sql/consent-state.sql`) over the seeded subjects bench-1…bench-N. */
export function rawConsentCheck(
  databaseUrl: string,
  tenantId: string,
  subjects: number,
  options: { clients: number; seconds: number },
): Promise<BaselineResult> {
  return runPgbench(databaseUrl, "consent-state.sql", { tenant: tenantId, subjects: String(subjects) }, options);
}

async function runPgbench(
  databaseUrl: string,
  script: string,
  variables: Record<string, string>,
  options: { clients: number; seconds: number },
): Promise<BaselineResult> {
  const url = new URL(databaseUrl);
  const args = [
    "-n",
    "-c",
    String(options.clients),
    "-j",
    String(Math.min(2, options.clients)),
    "-T",
    String(options.seconds),
    ...Object.entries(variables).flatMap(([name, value]) => ["-D", `${name}=${value}`]),
    "-f",
    sqlFile(script),
    "-h",
    url.hostname,
    "-p",
    url.port || "5432",
    "-U",
    decodeURIComponent(url.username) || "postgres",
    url.pathname.slice(1),
  ];
  const { stdout } = await run((await findPostgresBinaries()).pgbench, args, { maxBuffer: 1 << 20 });
  const tps = /tps = ([\d.]+)/.exec(stdout);
  const failed = /number of failed transactions: (\d+)/.exec(stdout);
  if (!tps?.[1]) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { perSecond: Number(tps[1]), failed: Number(failed?.[1] ?? 0) };
}
