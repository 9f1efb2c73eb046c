// The transfers wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const transfersSamples: Record<string, OperationSample> = {
  "Query.processors": {
    document:
      "{ processors(first: 5) { edges { node { id name country contactEmail purposes { key } dataCategories { key } transfers { id } } } } }",
    variables: () => ({}),
    allowed: ["partner", "staff", "auditor"],
    audited: false,
  },
  "Query.transfers": {
    document:
      "{ transfers(first: 5) { edges { node { id destinationCountry mechanisms subjectJurisdictions processor { name } purpose { key } dataCategories { key } startsAt } } } }",
    variables: () => ({}),
    allowed: ["partner", "staff", "auditor"],
    audited: false,
  },
  "Query.whereDoesMyDataGo": {
    document: "{ whereDoesMyDataGo { countryCode countryName recipients purposes } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Mutation.createProcessor": {
    document: "mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id name purposes { key } } }",
    variables: (world) => ({
      input: { name: `Processor ${world.unique()}`, country: "SG", purposes: ["orders_and_trading"], dataCategories: ["identity"] },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.recordTransfer": {
    document: "mutation ($input: RecordTransferInput!) { recordTransfer(input: $input) { id destinationCountry mechanisms } }",
    variables: () => ({
      input: {
        processor: "Acme Cloud",
        purpose: "orders_and_trading",
        destinationCountry: "SG",
        dataCategories: ["identity", "orders"],
        subjectJurisdictions: ["CN"],
        mechanisms: ["PIPL_STANDARD_CONTRACT"],
        separateConsentObtained: true,
        individualNoticeGiven: true,
        startsAt: "2026-01-01T00:00:00.000Z",
      },
    }),
    allowed: ["staff"],
    audited: true,
  },
};
