// The demo shop's keys in the gateway's embedded database: a shopper-session key for the tenant and a publishable key
// for the shop's origin. They are written with `pnpm keys` before the gateway holds the database, two runs of seconds
// each, so they are registered once per database and shop address and kept in .custos/storefront-demo.json (the
// session key's private half too, like the key pepper beside it); a restart reuses them and adds no new key.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { JWK } from "jose";
import { createSessionSigner, type SessionSigner } from "../server/session-signer.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const GATEWAY_DIR = join(REPO, "apps", "gateway");
const SAVED = join(REPO, ".custos", "storefront-demo.json");

export const HOST = "127.0.0.1";
export const shopUrl = `http://${HOST}:${Number(process.env.STOREFRONT_PORT ?? 5180)}`;

interface SavedKeys {
  database: string;
  shopUrl: string;
  privateJwk: JWK;
  publishableKey: string;
}

/**
 * Which database keys were registered in: its folder (resolved as @custos/db resolves CUSTOS_DATA_DIR) and that
 * folder's inode and birth, new when the database is made anew. None for an in-memory database.
 */
function databaseIdentity(): string | undefined {
  const setting = process.env.CUSTOS_DATA_DIR?.trim() || ".custos/pglite";
  const dataDir = resolve(REPO, setting);
  if (setting.includes("://") || !existsSync(dataDir)) return undefined;
  const { ino, birthtimeMs } = statSync(dataDir);
  return `${dataDir} ${ino} ${birthtimeMs}`;
}

function savedKeys(): SavedKeys | undefined {
  try {
    return JSON.parse(readFileSync(SAVED, "utf8")) as SavedKeys;
  } catch {
    return undefined;
  }
}

/** `pnpm keys …` on the gateway's database, with tsx's loader in node itself: pnpm and tsx's CLI each cost a process. */
function keys(...args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "src/app/cli/keys.ts", ...args], {
    cwd: GATEWAY_DIR,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** The shop's session signer and publishable key, registered now unless this database already has them. */
export async function demoKeys(): Promise<{ signer: SessionSigner; publishableKey: string }> {
  const issuer = `${shopUrl}/demo-session`;
  const saved = savedKeys();
  if (saved && saved.shopUrl === shopUrl && saved.database === databaseIdentity()) {
    return { signer: await createSessionSigner(issuer, saved.privateJwk), publishableKey: saved.publishableKey };
  }
  const signer = await createSessionSigner(issuer);
  const folder = mkdtempSync(join(tmpdir(), "custos-storefront-"));
  try {
    const jwkFile = join(folder, "session-public.jwk.json");
    writeFileSync(jwkFile, JSON.stringify(signer.publicJwk));
    keys("session-key", "--issuer", signer.issuer, "--jwk", jwkFile);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const publishableKey =
    keys("create", "--kind", "PUBLISHABLE", "--name", "demo storefront", "--origin", shopUrl).trim().split("\n").at(-1) ?? "";
  const database = databaseIdentity();
  if (database) {
    const kept: SavedKeys = { database, shopUrl, privateJwk: signer.privateJwk, publishableKey };
    writeFileSync(SAVED, JSON.stringify(kept), { mode: 0o600 });
  }
  return { signer, publishableKey };
}
