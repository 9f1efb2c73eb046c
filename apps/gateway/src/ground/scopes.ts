import type { Caller } from "./caller.ts";
import { isVisitorId } from "./identifiers/subject-id.ts";

/** The scopes a field's rule may name; `$any` of them is the default strategy. */
export interface AuthScopes {
  /** Everyone, anonymous callers included: the public catalogue. */
  public: boolean;
  storefront: boolean;
  shopper: boolean;
  service: boolean;
  partner: boolean;
  staff: boolean;
  auditor: boolean;
  /** A shopper whose session names this subject id. */
  shopperIs: string;
  /** The public storefront key acting for a visitor id (never a customer's id: the key ships in the page). */
  storefrontVisitor: string;
}

export function scopesFor(caller: Caller) {
  return {
    public: true,
    storefront: caller.kind === "storefront",
    shopper: caller.kind === "shopper",
    service: caller.kind === "service",
    partner: caller.kind === "partner",
    staff: caller.kind === "staff",
    auditor: caller.kind === "auditor",
    shopperIs: (subjectId: string) => caller.kind === "shopper" && caller.subjectExternalId === subjectId,
    storefrontVisitor: (subjectId: string) => caller.kind === "storefront" && isVisitorId(subjectId),
  };
}
