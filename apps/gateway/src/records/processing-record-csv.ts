import { toCsv } from "../ground/exports/csv.ts";
import type { ProcessingRecord, RecordedTransfer } from "./processing-record.ts";

const PROCESSING_RECORD_CSV_COLUMNS = [
  "controller",
  "purpose",
  "legal_basis",
  "data_category",
  "data_subject_categories",
  "recipients",
  "third_country_transfers",
  "erasure_time_limit",
  "security_measures",
] as const;

type CsvRow = Record<(typeof PROCESSING_RECORD_CSV_COLUMNS)[number], string>;

function describeTransfer(transfer: RecordedTransfer): string {
  const safeguards = transfer.safeguards ? `; safeguards: ${transfer.safeguards}` : "";
  return `${transfer.countryName} (${transfer.country}): ${transfer.recipient} [${transfer.mechanisms.join(", ")}${safeguards}]`;
}

function transfersOf(record: ProcessingRecord, purpose: string, dataCategory: string | null): RecordedTransfer[] {
  return record.transfers.filter(
    (transfer) =>
      (transfer.purpose === null || transfer.purpose === purpose) &&
      dataCategory !== null &&
      transfer.dataCategories.includes(dataCategory),
  );
}

/** One row per purpose and data category; a purpose with no data category still gets a row, so none goes missing. */
export function processingRecordToCsv(record: ProcessingRecord): string {
  const rows: CsvRow[] = record.purposes.flatMap((purpose) => {
    const dataCategories = purpose.dataCategories.length > 0 ? purpose.dataCategories : [null];
    return dataCategories.map((dataCategory) => ({
      controller: record.controller.name,
      purpose: purpose.name,
      legal_basis: purpose.legalBasis,
      data_category: dataCategory ?? "",
      data_subject_categories: record.categories.dataSubjects.join("; "),
      recipients: record.recipients
        .filter((recipient) => recipient.purposes.includes(purpose.name))
        .map((recipient) => `${recipient.name} (${recipient.country})`)
        .join("; "),
      third_country_transfers: transfersOf(record, purpose.name, dataCategory).map(describeTransfer).join("; "),
      erasure_time_limit: record.erasureTimeLimits.find((limit) => limit.dataCategory === dataCategory)?.description ?? "",
      security_measures: record.securityMeasures,
    }));
  });
  return toCsv(PROCESSING_RECORD_CSV_COLUMNS, rows);
}
