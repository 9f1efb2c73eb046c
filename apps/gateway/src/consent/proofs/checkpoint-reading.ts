import type { TenantScopedPrisma } from "@custos/db";
import { compactVerify, importJWK } from "jose";
import { CustosError } from "../../ground/errors.ts";

const invalid = () =>
  new CustosError("INVALID_CHECKPOINT", "This checkpoint is not a compact JWS signed by one of this controller's published keys.");

/**
 * A checkpoint someone kept (its compact JWS), checked against the tenant's keys: its signature, the key's validity at
 * its time, and its log's name. What it says is then compared with the ledger (verifyConsentLedger).
 */
export async function readCheckpoint(db: Pick<TenantScopedPrisma, "signingKey" | "tenant">, jws: string) {
  const [header] = jws.split(".");
  let kid: unknown;
  try {
    kid = JSON.parse(Buffer.from(header ?? "", "base64url").toString("utf8")).kid;
  } catch {
    throw invalid();
  }
  if (typeof kid !== "string" || !/^[0-9a-f-]{36}$/i.test(kid)) throw invalid();
  const key = await db.signingKey.findFirst({ where: { id: kid } });
  if (!key) throw invalid();
  let payload: { log?: unknown; treeSize?: unknown; rootHash?: unknown; issuedAt?: unknown };
  try {
    const verified = await compactVerify(jws, await importJWK({ ...(key.publicJwk as object), alg: "EdDSA" }, "EdDSA"));
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw invalid();
  }
  const { slug } = await db.tenant.findFirstOrThrow({ select: { slug: true } });
  const issuedAt = typeof payload.issuedAt === "string" ? new Date(payload.issuedAt) : null;
  if (
    payload.log !== slug ||
    typeof payload.treeSize !== "number" ||
    typeof payload.rootHash !== "string" ||
    !issuedAt ||
    issuedAt < key.validFrom ||
    (key.validUntil && issuedAt > key.validUntil)
  ) {
    throw invalid();
  }
  return { treeSize: payload.treeSize, rootHash: payload.rootHash };
}
