export { type CustosClient, createClient } from "./client.ts";
export { CustosError, type CustosErrorCode, type GraphqlError } from "./custos-error.ts";
export type { ClientOptions, TypedRequest } from "./request.ts";
export type { TypedDocument, VariablesArgument } from "./typed-document.ts";
export type {
  ConsentChannel,
  ConsentDecision,
  ConsentEvent,
  ConsentStatus,
  DataCategory,
  DataDestination,
  LegalBasis,
  Processor,
  Purpose,
  PurposeConsent,
  RecordConsentInput,
  SubjectConsent,
  Transfer,
  TransferMechanism,
} from "./types.ts";
