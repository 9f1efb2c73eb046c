import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { custosStateDir } from "@custos/db";
import type { DatabaseConfig } from "./config.ts";

const PEPPER_FILE = `${custosStateDir}/key-pepper`;

/**
 * The secret that key hashes are keyed with. Production, and any gateway on PostgreSQL (a database other
 * processes and checkouts share), must set CUSTOS_KEY_PEPPER, the same in every gateway process and in the keys
 * command; an embedded-database checkout makes one on first use.
 */
export async function resolveKeyPepper({ keyPepper, production, database }: DatabaseConfig): Promise<string> {
  if (keyPepper) return keyPepper;
  if (production) throw new Error("CUSTOS_KEY_PEPPER must be set in production.");
  if (database.kind === "postgres") {
    throw new Error(
      "CUSTOS_KEY_PEPPER must be set (32+ characters) when DATABASE_URL names PostgreSQL: every gateway and `pnpm keys` " +
        "sharing the database must use the same one, or keys issued by one are refused by another.",
    );
  }
  try {
    return (await readFile(PEPPER_FILE, "utf8")).trim();
  } catch {
    const pepper = randomBytes(32).toString("base64url");
    await mkdir(custosStateDir, { recursive: true });
    // "wx": if another process made it first, keep theirs.
    await writeFile(PEPPER_FILE, `${pepper}\n`, { mode: 0o600, flag: "wx" }).catch(() => {});
    return (await readFile(PEPPER_FILE, "utf8")).trim();
  }
}
