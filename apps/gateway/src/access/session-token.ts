import { decodeJwt, errors, importJWK, jwtVerify } from "jose";
import { z } from "zod";
import { CustosError } from "../ground/errors.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { parseStoredJson } from "../ground/stored-json.ts";

/** Tokens are short-lived proofs that the storefront's backend has logged the shopper in. */
const MAX_TOKEN_AGE = "24h";
export const SESSION_AUDIENCE = "custos";
const SESSION_ALGORITHMS = new Set(["EdDSA", "ES256", "RS256"]);

/** The tenant whose storefront signs sessions with this issuer (`iss`), if any: looked up before the tenant is known. */
export type SessionIssuerLookup = (issuer: string) => Promise<{ id: string; sessionPublicJwk: unknown } | null>;

/**
 * The public JWK a tenant's session tokens are verified against, as Tenant.sessionPublicJwk holds it: the members an
 * EdDSA (OKP), ES256 (EC) or RS256 (RSA) public key is imported from; others are not kept.
 */
export const SessionPublicJwkSchema = z.object({
  kty: z.string(),
  alg: z.string().optional(),
  kid: z.string().optional(),
  use: z.string().optional(),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
});

export interface ShopperSession {
  tenantId: string;
  subjectExternalId: string;
}

function invalid(message: string): CustosError {
  return new CustosError("UNAUTHENTICATED", message);
}

/**
 * Verifies a shopper session token signed by a tenant's storefront backend: the issuer names the
 * tenant, the tenant's stored public key must verify it, and the subject is the shopper's id.
 */
export async function verifyShopperSession(findIssuer: SessionIssuerLookup, token: string): Promise<ShopperSession> {
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    throw invalid("The session token is malformed.");
  }
  const tenant = issuer ? await findIssuer(issuer) : null;
  const stored = tenant?.sessionPublicJwk;
  const jwk = stored == null ? null : parseStoredJson(SessionPublicJwkSchema, stored, "Tenant.sessionPublicJwk");
  if (!tenant || !issuer || !jwk?.alg || !SESSION_ALGORITHMS.has(jwk.alg)) throw invalid("The session token's issuer is not known.");
  try {
    const { payload } = await jwtVerify(token, await importJWK(jwk, jwk.alg), {
      issuer,
      audience: SESSION_AUDIENCE,
      algorithms: [jwk.alg],
      requiredClaims: ["sub", "exp", "iat"],
      maxTokenAge: MAX_TOKEN_AGE,
    });
    return { tenantId: tenant.id, subjectExternalId: parseSubjectId(payload.sub ?? "") };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw invalid("The session token has expired.");
    throw invalid("The session token is not valid.");
  }
}
