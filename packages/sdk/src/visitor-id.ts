import { randomToken } from "./random-token.ts";

/**
 * A fresh id for a storefront visitor who has not signed in: `visitor:` and 128 random bits, URL-safe. The gateway
 * tells it apart from a customer's id by the prefix; the publishable key may record consent only for such ids.
 * Keep it in a first-party cookie or local storage, and hand it to `consent.adoptVisitor` when the visitor signs in.
 */
export function createVisitorId(): string {
  return `visitor:${randomToken()}`;
}
