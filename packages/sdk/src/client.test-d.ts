// Type-level tests, checked by `tsc --noEmit` (the typecheck script); vitest does not run this file.
import { describe, expectTypeOf, it } from "vitest";
import { ConsentStateDocument, PurposesDocument } from "../generated/graphql.ts";
import {
  type ConsentChannel,
  type ConsentDecision,
  type ConsentEvent,
  type ConsentReceipt,
  type CookieCategory,
  type CustosErrorCode,
  createClient,
  type DataDestination,
  type GpcOutcome,
  type LegalBasis,
  type PolicyVersion,
  type Purpose,
  type RecordConsentInput,
  type RequestProgress,
  type RequestTask,
  type RequestType,
  type SubjectConsent,
  type SubmittedRequest,
} from "./index.ts";

const client = createClient({ url: "http://127.0.0.1:4000/graphql" });
const grant: RecordConsentInput = { subjectId: "cust-42", purpose: "marketing", decision: "GRANTED", channel: "BANNER" };

describe("the typed client", () => {
  it("types each call's result from the generated operations", () => {
    expectTypeOf(client.catalogue.purposes).returns.resolves.toEqualTypeOf<Purpose[]>();
    expectTypeOf<Purpose["legalBasis"]>().toEqualTypeOf<LegalBasis>();
    expectTypeOf<LegalBasis>().toEqualTypeOf<"CONSENT" | "CONTRACT" | "LEGAL_OBLIGATION" | "LEGITIMATE_INTEREST">();
    expectTypeOf(client.consent.get).returns.resolves.toEqualTypeOf<SubjectConsent>();
    expectTypeOf(client.consent.set).returns.resolves.toEqualTypeOf<ConsentEvent>();
    expectTypeOf<ConsentEvent["occurredAt"]>().toEqualTypeOf<string>();
    expectTypeOf<ConsentDecision>().toEqualTypeOf<"GRANTED" | "WITHDRAWN">();
    expectTypeOf<"GPC_SIGNAL">().toExtend<ConsentChannel>();
    expectTypeOf(client.transfers.whereDoesMyDataGo).returns.resolves.toEqualTypeOf<DataDestination[]>();
    expectTypeOf<DataDestination>().toEqualTypeOf<{ countryCode: string; countryName: string; recipients: string[]; purposes: string[] }>();
  });

  it("refuses consent calls the gateway would refuse for their shape", () => {
    // @ts-expect-error: not a decision
    client.consent.set({ ...grant, decision: "MAYBE" });
    // @ts-expect-error: not a channel
    client.consent.set({ ...grant, channel: "EMAIL" });
    const { subjectId: _, ...withoutSubject } = grant;
    // @ts-expect-error: subjectId is required
    client.consent.set(withoutSubject);
    // @ts-expect-error: the input is not optional
    client.consent.set();
    // @ts-expect-error: a subject id is a string
    client.consent.get(42);
    // @ts-expect-error: the subject id is not optional
    client.consent.get();
  });

  it("types the ledger, cookie and policy calls", () => {
    expectTypeOf(client.consent.withdrawAll).returns.resolves.toEqualTypeOf<ConsentEvent[]>();
    expectTypeOf(client.consent.reportGpc).returns.resolves.toEqualTypeOf<GpcOutcome[]>();
    expectTypeOf(client.consent.receipt).returns.resolves.toEqualTypeOf<ConsentReceipt>();
    expectTypeOf(client.cookies.catalogue).returns.resolves.toEqualTypeOf<CookieCategory[]>();
    expectTypeOf(client.policy.current).returns.resolves.toEqualTypeOf<PolicyVersion[]>();
    expectTypeOf<SubjectConsent["restricted"]>().toEqualTypeOf<boolean>();
    expectTypeOf<SubjectConsent["purposes"][number]["processingAllowed"]>().toEqualTypeOf<boolean>();
    expectTypeOf<"NEEDS_RENEWAL">().toExtend<SubjectConsent["purposes"][number]["status"]>();
    // @ts-expect-error: a GPC report needs the signal's value
    client.consent.reportGpc({ subjectId: "cust-42" });
    // @ts-expect-error: a cookie choice names a category
    client.cookies.set({ subjectId: "cust-42", channel: "BANNER", choices: [{ decision: "GRANTED" }] });
    // @ts-expect-error: the receipt needs the event id
    client.consent.receipt("cust-42");
  });

  it("infers request's result and variables from the document", () => {
    expectTypeOf(client.request(PurposesDocument)).resolves.toHaveProperty("purposes");
    expectTypeOf(client.request(ConsentStateDocument, { subjectId: "cust-42" })).resolves.toEqualTypeOf<{
      consentState: SubjectConsent;
    }>();
    // @ts-expect-error: the operation's variables are required
    client.request(ConsentStateDocument);
    // @ts-expect-error: subjectId is a string
    client.request(ConsentStateDocument, { subjectId: 42 });
    // @ts-expect-error: a parsed DocumentNode is not a document string; the SDK does not print documents
    client.request({ kind: "Document", definitions: [] });
    expectTypeOf(client.request("{ purposes { key } }")).resolves.toBeUnknown();
  });

  it("lets a caller branch on known error codes and still accept new ones", () => {
    expectTypeOf<"UNKNOWN_PURPOSE">().toExtend<CustosErrorCode>();
    expectTypeOf<"NETWORK_ERROR">().toExtend<CustosErrorCode>();
    expectTypeOf<"A_CODE_FROM_A_NEWER_GATEWAY">().toExtend<CustosErrorCode>();
  });

  it("types requests and tasks, and refuses shapes the gateway would refuse", () => {
    expectTypeOf(client.requests.submit).returns.resolves.toEqualTypeOf<SubmittedRequest>();
    expectTypeOf<SubmittedRequest["trackingToken"]>().toEqualTypeOf<string>();
    expectTypeOf(client.requests.status).returns.resolves.toEqualTypeOf<RequestProgress>();
    expectTypeOf<RequestProgress["feeCharged"]>().toEqualTypeOf<boolean>();
    expectTypeOf<"OPT_OUT_OF_SALE">().toExtend<RequestType>();
    expectTypeOf(client.tasks.pull).returns.resolves.toEqualTypeOf<RequestTask[]>();
    expectTypeOf<RequestTask["request"]["subjectId"]>().toEqualTypeOf<string | null>();
    // @ts-expect-error: not a request type
    client.requests.submit({ type: "DELETE_EVERYTHING", jurisdiction: "DE", contactEmail: "a@example.com" });
    // @ts-expect-error: the jurisdiction picks the law and is required
    client.requests.submit({ type: "ACCESS", subjectId: "cust-1" });
    // @ts-expect-error: there is no fee to set
    client.requests.submit({ type: "ACCESS", jurisdiction: "DE", contactEmail: "a@example.com", feeCharged: true });
    // @ts-expect-error: record values are flat
    client.tasks.complete({ taskId: "t", data: [{ category: "orders", records: [{ items: [1, 2] }] }] });
    // @ts-expect-error: not a status
    client.requests.transition("id", "DONE");
  });
});
