/**
 * A fresh id for a storefront visitor who has not signed in: `visitor:` and 128 random bits, URL-safe. The gateway
 * tells it apart from a customer's id by the prefix; the publishable key may record consent only for such ids.
 * Keep it in a first-party cookie or local storage, and hand it to `consent.adoptVisitor` when the visitor signs in.
 */
export function createVisitorId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `visitor:${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}
