/**
 * The ledger's vocabulary as string unions mirroring the Prisma enums of the same names, so these pure rules
 * need no Prisma import and values read from Prisma are accepted as they are.
 */
export type ConsentDecision = "GRANTED" | "WITHDRAWN";

export type ConsentChannel = "BANNER" | "PREFERENCE_CENTRE" | "UNSUBSCRIBE_LINK" | "SUPPORT_AGENT" | "API" | "GPC_SIGNAL";

export type LegalBasis = "CONTRACT" | "LEGITIMATE_INTEREST" | "CONSENT" | "LEGAL_OBLIGATION";

export type PolicyKind = "PRIVACY" | "COOKIE";
