import type { ApiKeyKind } from "@custos/db/enums";

/** The authorisation scope each kind of key carries; a key whose stored scopes lack it is refused. */
export const KIND_SCOPE = {
  PUBLISHABLE: "storefront",
  SERVICE: "service",
  PARTNER: "partner",
  STAFF: "staff",
  AUDITOR: "auditor",
} as const satisfies Record<ApiKeyKind, string>;
