// The SDK's public data types, derived from the operations' generated types so they follow the schema.
import type {
  ConsentStateQuery,
  ProcessorsQuery,
  PurposesQuery,
  RecordConsentMutation,
  TransfersQuery,
  WhereDoesMyDataGoQuery,
} from "../generated/graphql.ts";

export type {
  ConsentChannel,
  ConsentDecision,
  ConsentStatus,
  LegalBasis,
  RecordConsentInput,
  TransferMechanism,
} from "../generated/graphql.ts";

/** A purpose of processing from the privacy policy, with its legal basis and the data it uses. */
export type Purpose = PurposesQuery["purposes"][number];
export type DataCategory = Purpose["dataCategories"][number];

/** A subject's current consent across every consent-based purpose. */
export type SubjectConsent = ConsentStateQuery["consentState"];
/** The current answer for one purpose; `channel` and `decidedAt` are null while NOT_ASKED. */
export type PurposeConsent = SubjectConsent["purposes"][number];

/** One recorded consent decision, as the ledger stored it. */
export type ConsentEvent = RecordConsentMutation["recordConsent"];

/** A country personal data goes to, who receives it there, and for which purposes. */
export type DataDestination = WhereDoesMyDataGoQuery["whereDoesMyDataGo"][number];

/** One entry of the transfer register, with its legal mechanisms. */
export type Transfer = TransfersQuery["transfers"]["edges"][number]["node"];

/** One entry of the processor register. */
export type Processor = ProcessorsQuery["processors"]["edges"][number]["node"];
