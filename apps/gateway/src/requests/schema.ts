import { RequestStatus, RequestType, VerificationMethod } from "@custos/db";
import { builder } from "../ground/builder.ts";
import type { DataProtectionAuthority } from "./authorities.ts";

export const RequestTypeEnum = builder.enumType(RequestType, {
  name: "RequestType",
  values: {
    ACCESS: { description: "A copy of the person's data (right of access), released as a download package." },
    RECTIFICATION: { description: "Correct inaccurate data; details say what." },
    ERASURE: { description: "Erase the person's data, except what a legal hold keeps." },
    PORTABILITY: { description: "The person's data in a machine-readable package, to take elsewhere." },
    RESTRICTION: { description: "Restrict processing of the person's data for now; consent checks then report it restricted." },
    OBJECTION: {
      description:
        "Object to processing. With directMarketing it is acted on at once and completed: the customer's marketing consent " +
        "withdrawn, or, for an objection about a typed address only, marketing to that address stopped (marketingSuppressed).",
    },
    OPT_OUT_OF_SALE: { description: "Opt out of the sale or sharing of personal data (CCPA); needs no proof of identity." },
    QUESTION: { description: "A question about how the person's data is handled." },
    COMPLAINT: { description: "A complaint about how the person's data is handled." },
  },
  description: "The rights the policy grants (P8), opt-out of sale or sharing, and questions or complaints (P4).",
});

export const RequestStatusEnum = builder.enumType(RequestStatus, {
  name: "RequestStatus",
  description: "Where a request stands; transitionRequest refuses moves the workflow does not allow.",
  values: {
    RECEIVED: { description: "Recorded; nothing decided yet." },
    AWAITING_VERIFICATION: { description: "Waiting for proof of identity: the e-mailed code, or a document check by staff." },
    VERIFIED: { description: "Identity proven; the work is about to start." },
    IN_PROGRESS: { description: "Being carried out: the data systems work on their tasks." },
    COMPLETED: { description: "Answered: data released, corrected or erased, or the question answered. Closes the request." },
    REJECTED: { description: "Refused, with a reason sent to the person. Closes the request." },
    WITHDRAWN: { description: "Withdrawn by the person. Closes the request." },
    ESCALATED: { description: "The person contests the answer or the refusal; staff take it up again." },
  },
});

export const VerificationMethodEnum = builder.enumType(VerificationMethod, {
  name: "VerificationMethod",
  description: "How the person's identity was verified before anything was released, changed or erased (P10).",
  values: {
    EMAIL_CODE: { description: "The person entered the one-time code e-mailed to the request's contact address." },
    SHOPPER_SESSION: { description: "The request came with a signed-in shopper's session." },
    DOCUMENT_CHECK: { description: "Staff recorded a third-party identity-document check (verifyRequestIdentity)." },
  },
});

export const DueStateEnum = builder.enumType("DueState", {
  description: "Where a request's deadline in force stands, for the staff queue.",
  values: {
    ON_TRACK: { description: "Open, with more than three days to the deadline." },
    DUE_SOON: { description: "Open, with three days or less to the deadline." },
    OVERDUE: { description: "Open past its deadline." },
    CLOSED: { description: "Completed, rejected or withdrawn: the deadline no longer runs." },
  } as const,
});

export const DEADLINE_PROVISIONAL =
  "The deadline counts days of a year whose official working-day calendar is not in Custos yet: it comes from a " +
  "provisional rule that is never later than the official count, and is recounted when the calendar is added.";

export const AuthorityRef = builder.objectRef<DataProtectionAuthority>("DataProtectionAuthority").implement({
  description: "Where the person may complain (P11): the data-protection authority for the request's jurisdiction.",
  authScopes: { public: true },
  fields: (t) => ({
    jurisdiction: t.exposeString("jurisdiction", {
      description: "The jurisdiction the authority answers for: an ISO 3166 code such as RU, AT or US-CA.",
    }),
    name: t.exposeString("name", { description: "The authority's name, e.g. Roskomnadzor." }),
    website: t.exposeString("website", { description: "The authority's website." }),
    complaintUrl: t.string({
      nullable: true,
      description: "Where a complaint can be filed online; null when the authority has no such page.",
      resolve: (authority) => authority.complaintUrl ?? null,
    }),
    email: t.string({
      nullable: true,
      description: "The authority's e-mail address; null when it gives none.",
      resolve: (authority) => authority.email ?? null,
    }),
    phone: t.string({
      nullable: true,
      description: "The authority's phone number; null when it gives none.",
      resolve: (authority) => authority.phone ?? null,
    }),
    address: t.string({
      nullable: true,
      description: "The authority's postal address; null when it gives none.",
      resolve: (authority) => authority.address ?? null,
    }),
    source: t.exposeString("source", { description: "Where these contact details were taken from." }),
  }),
});
