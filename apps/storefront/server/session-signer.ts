// The shop's backend signs a shopper's session once it has logged them in; the gateway verifies it with the public
// key registered for the tenant (`pnpm keys session-key`), so the shopper reads and changes only their own consent.
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/** The audience the gateway requires of a shopper session token. */
const SESSION_AUDIENCE = "custos";
const SESSION_MINUTES = 15;

export interface SessionSigner {
  issuer: string;
  publicJwk: JWK;
  /** The private half, for a demo that keeps its registered key across restarts (scripts/demo-keys.ts). */
  privateJwk: JWK;
  sign(customerId: string): Promise<string>;
}

/** A signer with a new Ed25519 key pair, or with the private key saved from one before. */
export async function createSessionSigner(issuer: string, savedPrivateJwk?: JWK): Promise<SessionSigner> {
  const privateKey = savedPrivateJwk
    ? await importJWK(savedPrivateJwk, "EdDSA")
    : (await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true })).privateKey;
  const privateJwk = savedPrivateJwk ?? (await exportJWK(privateKey));
  return {
    issuer,
    publicJwk: { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, alg: "EdDSA" },
    privateJwk,
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
