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
  | ({ kind: "staff"; tenantId: string } & StaffCredential)
  | ({ kind: "auditor"; tenantId: string } & StaffCredential);

/** A person signed in through the company's OpenID provider: the token's subject and what it says their name is. */
export interface SignedInPerson {
  /** The provider's `sub`: stable for the person, whatever their name or address becomes. */
  subject: string;
  email: string | null;
  name: string | null;
}

/** Staff and auditors are a machine's API key or a signed-in person; the audit log names whichever acted. */
export type StaffCredential = { keyId: string; keyPrefix: string; person?: undefined } | { person: SignedInPerson };

export type CallerKind = Caller["kind"];

export const CALLER_KINDS: readonly CallerKind[] = ["anonymous", "storefront", "shopper", "service", "partner", "staff", "auditor"];

/**
 * How the caller appears in the audit log, request events and "who verified": a kind and a non-secret handle. A
 * signed-in person is named, `staff:person:<sub> Name <e-mail>`, since the policy (P10) promises to record who acted.
 */
export function actorLabel(caller: Caller): string {
  switch (caller.kind) {
    case "anonymous":
      return "anonymous";
    case "shopper":
      return "shopper-session";
    case "staff":
    case "auditor":
      return caller.person ? `${caller.kind}:${personLabel(caller.person)}` : `${caller.kind}:${caller.keyPrefix}`;
    default:
      return `${caller.kind}:${caller.keyPrefix}`;
  }
}

function personLabel({ subject, email, name }: SignedInPerson): string {
  const shown = [name, email === null ? null : `<${email}>`].filter((part) => part !== null).join(" ");
  return shown === "" ? `person:${subject}` : `person:${subject} ${shown}`;
}

/** The handle rate limits count a caller under: its key, or the person. */
export function callerHandle(caller: Exclude<Caller, { kind: "anonymous" | "shopper" }>): string {
  switch (caller.kind) {
    case "staff":
    case "auditor":
      return caller.person ? `person:${caller.person.subject}` : caller.keyId;
    default:
      return caller.keyId;
  }
}
