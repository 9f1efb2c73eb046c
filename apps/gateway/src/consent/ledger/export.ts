/**
 * Exports of ledger events as CSV (for people and spreadsheets) and as JSON (for machines).
 *
 * Every hashed field and both chain fields are exported, so the JSON exports can be checked with `verifyChain`
 * after parsing. The CSV cannot always be: to stop spreadsheet formula injection (OWASP "CSV Injection"), a text
 * cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so Excel, LibreOffice and Sheets
 * show it as text instead of evaluating it. That alters such cells (a user agent or page URL sent by a browser could
 * start with `=`); verify from JSON, read from CSV.
 */
import { toCsv } from "../../ground/exports/csv.ts";
import { type ChainFields, type ConsentEventRecord, HASHED_FIELDS, hashedFields } from "./hash-chain.ts";

export type ExportableConsentEvent = ConsentEventRecord & Partial<ChainFields>;

/**
 * Column order of every export: the hashed fields in chain order, then the proof itself (readable, but not hashed:
 * erasure nulls it) and the chain links. Changing it breaks people's spreadsheets, so add new columns at the end.
 */
export const EXPORT_COLUMNS = [...HASHED_FIELDS, "userAgent", "ipHash", "pageUrl", "previousHash", "hash"] as const;

export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

export function toExportRecord(event: ExportableConsentEvent): ExportRecord {
  return {
    sequence: event.sequence ?? null,
    ...hashedFields(event),
    userAgent: event.userAgent ?? null,
    ipHash: event.ipHash ?? null,
    pageUrl: event.pageUrl ?? null,
    previousHash: event.previousHash ?? null,
    hash: event.hash ?? null,
  };
}

/** The events as CSV (see exports/csv.ts for quoting and formula neutralising). */
export function consentEventsToCsv(events: readonly ExportableConsentEvent[]): string {
  return toCsv(EXPORT_COLUMNS, events.map(toExportRecord));
}

/** One JSON object per line (JSON Lines), each line ending in `\n`; streams and appends well. */
export function consentEventsToJsonLines(events: readonly ExportableConsentEvent[]): string {
  return events.map((event) => `${JSON.stringify(toExportRecord(event))}\n`).join("");
}

export function consentEventsToJsonArray(events: readonly ExportableConsentEvent[]): string {
  return JSON.stringify(events.map(toExportRecord));
}
