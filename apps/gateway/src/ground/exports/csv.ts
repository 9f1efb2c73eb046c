import { stringify } from "csv-stringify/sync";

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula, and some skip white space (spaces, a tab, a
 * carriage return) before such a character; a leading quote makes it text (OWASP, CSV injection). A cell starting
 * with a tab or carriage return is quoted whatever follows, as before.
 */
export function neutraliseFormula(text: string): string {
  return /^(?:\s*[=+\-@]|[\t\r])/.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null;

/**
 * The one CSV form every export uses: RFC 4180 with a header row and CRLF line ends, formulas
 * neutralised (in the header too), empty cells for null. csv-stringify quotes a field holding the CRLF delimiter but not
 * one holding a lone LF or CR, which most readers also take as a line end, so those are quoted too.
 */
export function toCsv<Column extends string>(columns: readonly Column[], rows: readonly Record<Column, CsvValue>[]): string {
  const cells = rows.map((row) => columns.map((column) => csvCell(row[column])));
  // The header row is data too: column names come from the systems that posted the records.
  const header = columns.map((column) => neutraliseFormula(column));
  return stringify(cells, { header: true, columns: header, record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

function csvCell(value: CsvValue): string {
  if (value === null) return "";
  return typeof value === "string" ? neutraliseFormula(value) : String(value);
}
