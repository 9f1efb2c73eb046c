import { stringify } from "csv-stringify/sync";

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some skip
 * before such a character) as a formula; a leading quote makes it text (OWASP, CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null;

/**
 * The one CSV form every export uses: RFC 4180 with a header row and CRLF line ends, formulas
 * neutralised, empty cells for null. csv-stringify quotes a field holding the CRLF delimiter but not
 * one holding a lone LF or CR, which most readers also take as a line end, so those are quoted too.
 */
export function toCsv<Column extends string>(columns: readonly Column[], rows: readonly Record<Column, CsvValue>[]): string {
  const cells = rows.map((row) => columns.map((column) => csvCell(row[column])));
  return stringify(cells, { header: true, columns: [...columns], record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

function csvCell(value: CsvValue): string {
  if (value === null) return "";
  return typeof value === "string" ? neutraliseFormula(value) : String(value);
}
