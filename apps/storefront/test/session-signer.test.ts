import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createSessionSigner } from "../server/session-signer.ts";

describe("the demo shop's session signer", () => {
  // `npm start` keeps the private key in .custos/storefront-demo.json and registers the public key once per database.
  it("restored from its saved private key, signs sessions that the public key registered before verifies", async () => {
    const first = await createSessionSigner("http://127.0.0.1:5180/demo-session");
    const saved = JSON.parse(JSON.stringify(first.privateJwk));
    const restored = await createSessionSigner(first.issuer, saved);

    expect(restored.publicJwk).toEqual(first.publicJwk);
    expect(first.publicJwk).not.toHaveProperty("d");
    const registered = await importJWK(first.publicJwk, "EdDSA");
    const { payload } = await jwtVerify(await restored.sign("customer-7"), registered, {
      issuer: first.issuer,
      audience: "custos",
    });
    expect(payload.sub).toBe("customer-7");
  });

  it("made anew, has a key of its own that an earlier public key does not verify", async () => {
    const first = await createSessionSigner("http://127.0.0.1:5180/demo-session");
    const other = await createSessionSigner(first.issuer);
    const registered = await importJWK(first.publicJwk, "EdDSA");
    await expect(jwtVerify(await other.sign("customer-7"), registered)).rejects.toThrow();
  });
});
