// `pnpm keys`: create, list and revoke API keys, and set a tenant's shopper-session key.
import { readFile } from "node:fs/promises";
import { ApiKeyKind, DEFAULT_TENANT_SLUG } from "@custos/db";
import { importJWK, type JWK } from "jose";
import { createApiKey, revokeApiKey } from "../../access/api-key-service.ts";
import { SessionPublicJwkSchema } from "../../access/session-token.ts";
import { resolveKeyPepper } from "../config/key-pepper.ts";
import { parseCommandLine, runOnTenant, usageError } from "./command-line.ts";

const USAGE = `Usage:
  pnpm keys create --kind PUBLISHABLE|SERVICE|PARTNER|STAFF|AUDITOR --name <name>
                   [--origin <https://shop.example>]... [--data-system <key>] [--processor <name>] [--expires <ISO date>]
  pnpm keys list
  pnpm keys revoke <prefix>
  pnpm keys session-key --issuer <iss> --jwk <public-key.json>
Every command takes --tenant <slug> (default "${DEFAULT_TENANT_SLUG}").
On the embedded database, stop the gateway first (it holds the database), or create keys through it: createApiKey.`;

const { positionals, values } = parseCommandLine(USAGE, {
  tenant: { type: "string", default: DEFAULT_TENANT_SLUG },
  kind: { type: "string" },
  name: { type: "string" },
  origin: { type: "string", multiple: true },
  "data-system": { type: "string" },
  processor: { type: "string" },
  expires: { type: "string" },
  issuer: { type: "string" },
  jwk: { type: "string" },
});

function parseKind(raw: string | undefined): ApiKeyKind {
  const kind = Object.values(ApiKeyKind).find((value) => value === raw?.toUpperCase());
  if (!kind) usageError(USAGE, `--kind must be one of ${Object.values(ApiKeyKind).join(", ")}.`);
  return kind;
}

// The whole command line is checked before the database is opened: a wrong one is a usage error, not "in use".
const [command, argument] = positionals;
if (
  !(
    command === "create" ||
    command === "list" ||
    (command === "revoke" && argument) ||
    (command === "session-key" && values.issuer && values.jwk)
  )
)
  usageError(USAGE);
const kind = command === "create" ? parseKind(values.kind) : undefined;
const expiresAt = values.expires ? new Date(values.expires) : null;
if (expiresAt && Number.isNaN(expiresAt.getTime())) usageError(USAGE, "--expires must be an ISO 8601 date.");

await runOnTenant(values.tenant, async ({ config, tenant, db }) => {
  if (command === "create" && kind) {
    const { key, token } = await createApiKey(db, tenant.id, await resolveKeyPepper(config), {
      kind,
      name: values.name ?? "",
      allowedOrigins: values.origin,
      dataSystemKey: values["data-system"],
      processorName: values.processor,
      expiresAt,
    });
    console.log(`Created ${key.kind} key "${key.name}" (${key.prefix}). Store it now; it is not shown again:\n${token}`);
  } else if (command === "list") {
    for (const key of await db.apiKey.findMany({ orderBy: { createdAt: "asc" } })) {
      const state = key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= new Date() ? "expired" : "active";
      console.log([key.prefix, key.kind, state, key.name, key.lastUsedAt?.toISOString() ?? "never used"].join("\t"));
    }
  } else if (command === "revoke" && argument) {
    const key = await revokeApiKey(db, argument);
    console.log(`Revoked ${key.prefix} (${key.name}).`);
  } else if (command === "session-key" && values.issuer && values.jwk) {
    const jwk = JSON.parse(await readFile(values.jwk, "utf8")) as JWK;
    if ("d" in jwk) throw new Error("That JWK holds a private key; give the public key only.");
    if (!jwk.alg) throw new Error('The JWK needs an "alg" (EdDSA, ES256 or RS256).');
    await importJWK(jwk, jwk.alg);
    const sessionPublicJwk = SessionPublicJwkSchema.parse(jwk);
    await db.tenant.update({ where: { id: tenant.id }, data: { sessionIssuer: values.issuer, sessionPublicJwk } });
    console.log(`Shopper sessions for "${tenant.slug}" are now verified against ${values.jwk} (issuer ${values.issuer}).`);
  }
  return 0;
});
