/**
 * Standard Webhooks secrets (`whsec_` + base64 of 32 random bytes), shown once when an endpoint is registered and
 * stored sealed: AES-256-GCM under a key derived from CUSTOS_KEY_PEPPER, the endpoint's id as associated data, so a
 * copy of the database alone cannot sign a webhook a receiver would accept.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

const key = (keyPepper: string) => Buffer.from(hkdfSync("sha256", keyPepper, "", "custos webhook secret v1", 32));

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function sealWebhookSecret(keyPepper: string, endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyPepper), iv).setAAD(Buffer.from(`${VERSION} ${endpointId}`));
  return `${VERSION}.${Buffer.concat([iv, cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64url")}`;
}

export function unsealWebhookSecret(keyPepper: string, endpointId: string, sealed: string): string {
  const [version, body = ""] = sealed.split(".");
  if (version !== VERSION) throw new Error(`webhook endpoint ${endpointId}: unknown seal ${version}`);
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(keyPepper), bytes.subarray(0, 12)).setAAD(Buffer.from(`${VERSION} ${endpointId}`));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
}
