/**
 * Who is calling. Resolved once per request from the credentials, before any resolver runs;
 * every authorisation rule in the schema is a question about this value.
 */
export type Caller =
  | { kind: "anonymous"; tenantId: string }
  | { kind: "storefront"; tenantId: string; keyId: string; keyPrefix: string; allowedOrigins: readonly string[] }
  | { kind: "shopper"; tenantId: string; subjectExternalId: string }
  | { kind: "service"; tenantId: string; keyId: string; keyPrefix: string; dataSystemId: string }
  | { kind: "partner"; tenantId: string; keyId: string; keyPrefix: string; processorId: string }
  | { kind: "staff"; tenantId: string; keyId: string; keyPrefix: string }
  | { kind: "auditor"; tenantId: string; keyId: string; keyPrefix: string };

export type CallerKind = Caller["kind"];

export const CALLER_KINDS: readonly CallerKind[] = ["anonymous", "storefront", "shopper", "service", "partner", "staff", "auditor"];

/** How the caller appears in the audit log: a kind and a non-secret handle, never a person's data. */
export function actorLabel(caller: Caller): string {
  switch (caller.kind) {
    case "anonymous":
      return "anonymous";
    case "shopper":
      return "shopper-session";
    default:
      return `${caller.kind}:${caller.keyPrefix}`;
  }
}
