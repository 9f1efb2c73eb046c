// What the privacy desk and other staff tools read and do beyond the request workflow: the staff register, notices,
// the registers of disclosures and legal holds, retention runs, the Art. 30 record and the audit log.
import {
  AuditLogDocument,
  AuditLogExportDocument,
  DisclosuresDocument,
  LegalHoldsDocument,
  NoticesDocument,
  RecordsOfProcessingDocument,
  RetentionRunsDocument,
  RetryNoticeDocument,
  StaffMembersDocument,
} from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type {
  AuditExportFormat,
  AuditLogFilter,
  AuditLogPage,
  Disclosure,
  LegalHold,
  Notice,
  NoticeList,
  NoticeStatus,
  ProcessingRecordFormat,
  RetentionRun,
  StaffMember,
} from "../types.ts";

/** The registers are short lists; one page of the gateway's largest size holds them. */
const PAGE = 100;

/** Staff and auditors: the people who signed in through the company's OpenID provider. */
export interface StaffApi {
  /** Everyone who has signed in as staff or auditor, by name; requests go to those with role `staff`. */
  members(): Promise<StaffMember[]>;
}

/** E-mail notices and their delivery: staff and auditors read, staff retry the dead-lettered ones. */
export interface NoticesApi {
  /** Notices oldest first (first 100, `after` for more); `status: "FAILED"` is the dead-letter list. */
  list(filter?: { status?: NoticeStatus; after?: string }): Promise<NoticeList>;
  /** Staff: puts a FAILED notice back in the queue with a fresh count of attempts. */
  retry(id: string): Promise<Notice>;
}

/** The accountability registers (staff and auditors read). */
export interface RecordsApi {
  /** The disclosure register, newest first; `noticeOwed: true` gives the people still to be told. */
  disclosures(filter?: { noticeOwed?: boolean }): Promise<Disclosure[]>;
  /** Legal holds, newest first; `activeOnly` leaves out released and expired ones. */
  legalHolds(filter?: { activeOnly?: boolean }): Promise<LegalHold[]>;
  /** Retention sweeps, newest first, with what each did per data category. */
  retentionRuns(): Promise<RetentionRun[]>;
  /** The GDPR Art. 30 record of processing as one HTML, CSV or JSON document. */
  processing(format: ProcessingRecordFormat): Promise<string>;
}

/** The audit log: every read of personal data and every change, naming who acted (staff and auditors). */
export interface AuditApi {
  /** Newest first, 100 a page. */
  list(filter?: AuditLogFilter, after?: string): Promise<AuditLogPage>;
  /** The matching entries, oldest first, as one CSV or JSON document (at most 100 000); the export is itself audited. */
  export(format: AuditExportFormat, filter?: AuditLogFilter): Promise<string>;
}

export function staffApi(request: TypedRequest): StaffApi {
  return { members: async () => (await request(StaffMembersDocument)).staffMembers };
}

export function noticesApi(request: TypedRequest): NoticesApi {
  return {
    list: async ({ status, after } = {}) =>
      (await request(NoticesDocument, { first: PAGE, status: status ?? null, after: after ?? null })).outbox,
    retry: async (id) => (await request(RetryNoticeDocument, { id })).retryNotice,
  };
}

export function recordsApi(request: TypedRequest): RecordsApi {
  return {
    disclosures: async ({ noticeOwed } = {}) =>
      (await request(DisclosuresDocument, { first: PAGE, noticeOwed: noticeOwed ?? null })).disclosures.edges.map((edge) => edge.node),
    legalHolds: async ({ activeOnly } = {}) =>
      (await request(LegalHoldsDocument, { first: PAGE, activeOnly: activeOnly ?? null })).legalHolds.edges.map((edge) => edge.node),
    retentionRuns: async () => (await request(RetentionRunsDocument, { first: PAGE })).retentionRuns.edges.map((edge) => edge.node),
    processing: async (format) => (await request(RecordsOfProcessingDocument, { format })).recordsOfProcessing,
  };
}

export function auditApi(request: TypedRequest): AuditApi {
  return {
    list: async (filter, after) =>
      (await request(AuditLogDocument, { first: PAGE, filter: filter ?? null, after: after ?? null })).auditLog,
    export: async (format, filter) => (await request(AuditLogExportDocument, { format, filter: filter ?? null })).auditLogExport,
  };
}
