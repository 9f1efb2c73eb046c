/** The consent ledger's pure rules: plain data in, plain data out, no I/O; the Prisma service and GraphQL wire them in. */
export type { ConsentChannel, ConsentDecision, LegalBasis, PolicyKind } from "./consent-terms.ts";
export { type InstantInput, isoInstant } from "./dates.ts";
export * from "./export.ts";
export * from "./gpc.ts";
export * from "./hash-chain.ts";
export * from "./receipt.ts";
export * from "./validity.ts";
