// The shop's backend signs a shopper's session once it has logged them in; the gateway verifies it with the public
// key registered for the tenant (`pnpm keys session-key`), so the shopper reads and changes only their own consent.
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** The audience the gateway requires of a shopper session token. */
const SESSION_AUDIENCE = "custos";
const SESSION_MINUTES = 15;

export interface SessionSigner {
  issuer: string;
  publicJwk: JWK;
  sign(customerId: string): Promise<string>;
}

export async function createSessionSigner(issuer: string): Promise<SessionSigner> {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  return {
    issuer,
    publicJwk: { ...(await exportJWK(publicKey)), alg: "EdDSA" },
    sign: (customerId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "EdDSA" })
        .setIssuer(issuer)
        .setAudience(SESSION_AUDIENCE)
        .setSubject(customerId)
        .setIssuedAt()
        .setExpirationTime(`${SESSION_MINUTES}m`)
        .sign(privateKey),
  };
}
