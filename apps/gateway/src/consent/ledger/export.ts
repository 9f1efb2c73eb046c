/**
 * Exports of ledger events as CSV (for people and spreadsheets) and as JSON (for machines).
 *
 * Every hashed field and both chain fields are exported, so the JSON exports can be checked with `verifyChain`
 * after parsing. The CSV cannot always be: to stop spreadsheet formula injection (OWASP "CSV Injection"), a text
 * cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so Excel, LibreOffice and Sheets
 * show it as text instead of evaluating it. That alters such cells (a user agent or page URL sent by a browser could
 * start with `=`); verify from JSON, read from CSV.
 */
import { stringify } from "csv-stringify/sync";
import { isoInstant } from "./dates.ts";
import type { ChainFields, ConsentEventRecord } from "./hash-chain.ts";

export type ExportableConsentEvent = ConsentEventRecord & Partial<ChainFields>;

/** Column order of every export; changing it breaks people's spreadsheets, so add new columns at the end. */
export const EXPORT_COLUMNS = [
  "sequence",
  "occurredAt",
  "id",
  "tenantId",
  "subjectId",
  "purposeId",
  "cookieCategoryId",
  "decision",
  "channel",
  "policyVersionId",
  "jurisdiction",
  "expiresAt",
  "gpc",
  "tcString",
  "gppString",
  "userAgent",
  "ipHash",
  "pageUrl",
  "previousHash",
  "hash",
] as const;

export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

export function toExportRecord(event: ExportableConsentEvent): ExportRecord {
  return {
    sequence: event.sequence ?? null,
    occurredAt: isoInstant(event.occurredAt),
    id: event.id,
    tenantId: event.tenantId,
    subjectId: event.subjectId,
    purposeId: event.purposeId ?? null,
    cookieCategoryId: event.cookieCategoryId ?? null,
    decision: event.decision,
    channel: event.channel,
    policyVersionId: event.policyVersionId ?? null,
    jurisdiction: event.jurisdiction ?? null,
    expiresAt: event.expiresAt == null ? null : isoInstant(event.expiresAt),
    gpc: event.gpc ?? null,
    tcString: event.tcString ?? null,
    gppString: event.gppString ?? null,
    userAgent: event.userAgent ?? null,
    ipHash: event.ipHash ?? null,
    pageUrl: event.pageUrl ?? null,
    previousHash: event.previousHash ?? null,
    hash: event.hash ?? null,
  };
}

const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

/** Prefixes `'` to text a spreadsheet would otherwise read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text;
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  return typeof value === "string" ? neutraliseFormula(value) : String(value);
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. csv-stringify
 * quotes a field holding the CRLF record delimiter but not one holding a lone LF or CR, which most readers also take as
 * a line end, so those are matched explicitly.
 */
export function consentEventsToCsv(events: readonly ExportableConsentEvent[]): string {
  const rows = events.map((event) => {
    const record = toExportRecord(event);
    return EXPORT_COLUMNS.map((column) => csvCell(record[column]));
  });
  return stringify(rows, { header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** One JSON object per line (JSON Lines), each line ending in `\n`; streams and appends well. */
export function consentEventsToJsonLines(events: readonly ExportableConsentEvent[]): string {
  return events.map((event) => `${JSON.stringify(toExportRecord(event))}\n`).join("");
}

export function consentEventsToJsonArray(events: readonly ExportableConsentEvent[]): string {
  return JSON.stringify(events.map(toExportRecord));
}
