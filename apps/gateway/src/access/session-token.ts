import { decodeJwt, errors, importJWK, type JWK, jwtVerify } from "jose";
import { CustosError } from "../ground/errors.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";

/** Tokens are short-lived proofs that the storefront's backend has logged the shopper in. */
const MAX_TOKEN_AGE = "24h";
export const SESSION_AUDIENCE = "custos";
const SESSION_ALGORITHMS = new Set(["EdDSA", "ES256", "RS256"]);

/** The tenant whose storefront signs sessions with this issuer (`iss`), if any: looked up before the tenant is known. */
export type SessionIssuerLookup = (issuer: string) => Promise<{ id: string; sessionPublicJwk: unknown } | null>;

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
  const jwk = tenant?.sessionPublicJwk as JWK | null | undefined;
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
