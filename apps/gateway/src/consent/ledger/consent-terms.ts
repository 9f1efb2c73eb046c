/**
 * The ledger's vocabulary is the Prisma enums of the same names, taken from the generated enums module: it holds
 * no client, so these pure rules stay free of the database while values read from Prisma are accepted as they are.
 */
export type { ConsentChannel, ConsentDecision, LegalBasis, PolicyKind } from "@custos/db/enums";
