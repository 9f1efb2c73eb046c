import { createHash } from "node:crypto";
import { z } from "zod";
import { toCsv } from "../../ground/exports/csv.ts";

/** Where a finished package is downloaded from, with its token: the link in the completion notice (served by transport/http/export-route.ts). */
export const EXPORT_ROUTE_PREFIX = "/exports/requests/";

/** What one data system posted for an access or portability request: records per data category. */
export interface SystemExport {
  readonly system: string;
  readonly categories: readonly ExportedCategory[];
}

const CsvValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ExportedCategorySchema = z.object({
  category: z.string(),
  /** Field names in the order the app sent them; JSONB storage does not keep key order, so it is kept here. */
  columns: z.array(z.string()).optional(),
  records: z.array(z.record(z.string(), CsvValueSchema)),
});
export type ExportedCategory = z.infer<typeof ExportedCategorySchema>;

/**
 * A task's result as RequestTask.result holds it: a data system's records (access, portability) until the package is
 * built, then only how many it sent; or its confirmation.
 */
export const TaskResultSchema = z.union([
  z.object({ data: z.array(ExportedCategorySchema) }),
  z.object({ exportedRecords: z.number().int() }),
  z.object({ confirmation: z.string() }),
]);
export type TaskResult = z.infer<typeof TaskResultSchema>;

/** The columns of a category: the union of its records' keys, in first-seen order. */
export function columnsOf(records: readonly Record<string, unknown>[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record)))];
}

const PackageFileSchema = z.object({
  path: z.string(),
  mediaType: z.enum(["application/json", "text/csv"]),
  content: z.string(),
});
export type PackageFile = z.infer<typeof PackageFileSchema>;

const ExportManifestSchema = z.object({
  format: z.literal("custos-subject-export/1"),
  requestId: z.string(),
  requestType: z.string(),
  generatedAt: z.string(),
  systems: z.array(z.string()),
  files: z.array(
    z.object({
      path: z.string(),
      system: z.string(),
      category: z.string(),
      mediaType: z.string(),
      rows: z.number().int(),
      sha256: z.string(),
    }),
  ),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/** The package served by the download link: a manifest and the files it lists, as one JSON document (PrivacyRequest.exportPackage). */
export const ExportPackageSchema = z.object({ manifest: ExportManifestSchema, files: z.array(PackageFileSchema) });
export type ExportPackage = z.infer<typeof ExportPackageSchema>;

const SAFE_NAME = /[^a-z0-9_-]+/gi;
const safeName = (name: string) => name.replace(SAFE_NAME, "_").slice(0, 80) || "_";

/**
 * JSON plus CSV per data category and system, with a manifest that lists systems, categories, row counts and
 * the SHA-256 of each file, so the person (or the provider they take it to) can check nothing was lost.
 * Columns of a category are the union of its records' keys, in the order the app sent them.
 */
export function assembleExportPackage(
  request: { id: string; type: string },
  exports: readonly SystemExport[],
  generatedAt: Date,
): ExportPackage {
  const files: PackageFile[] = [];
  const listed: ExportManifest["files"][number][] = [];
  for (const { system, categories } of [...exports].sort((a, b) => a.system.localeCompare(b.system))) {
    for (const { category, columns: given, records } of categories) {
      const base = `${safeName(system)}/${safeName(category)}`;
      const columns = given ?? columnsOf(records);
      // Each record in the app's field order, with null for a field it lacks, so the JSON and the CSV say the same.
      const rows = records.map((record) => Object.fromEntries(columns.map((column) => [column, record[column] ?? null])));
      for (const file of [
        { path: `${base}.json`, mediaType: "application/json" as const, content: JSON.stringify(rows, null, 2) },
        { path: `${base}.csv`, mediaType: "text/csv" as const, content: toCsv(columns, rows) },
      ]) {
        files.push(file);
        listed.push({
          path: file.path,
          system,
          category,
          mediaType: file.mediaType,
          rows: records.length,
          sha256: createHash("sha256").update(file.content).digest("hex"),
        });
      }
    }
  }
  return {
    manifest: {
      format: "custos-subject-export/1",
      requestId: request.id,
      requestType: request.type,
      generatedAt: generatedAt.toISOString(),
      systems: [...new Set(exports.map(({ system }) => system))].sort(),
      files: listed,
    },
    files,
  };
}

/** Checks what an app posted: categories of flat records whose values a CSV cell can hold. Returns an error text or null. */
export function exportProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return "data must be a list of { category, records } entries.";
  for (const entry of value) {
    if (typeof entry !== "object" || entry === null) return "each data entry must be an object with category and records.";
    const { category, records } = entry as { category?: unknown; records?: unknown };
    if (typeof category !== "string" || !category.trim()) return "each data entry needs a category name.";
    if (!Array.isArray(records)) return `records of category "${safeName(category)}" must be a list.`;
    for (const record of records) {
      if (typeof record !== "object" || record === null || Array.isArray(record)) return "each record must be an object.";
      for (const cell of Object.values(record)) {
        if (cell !== null && !["string", "number", "boolean"].includes(typeof cell)) {
          return "record values must be strings, numbers, booleans or null (flatten nested values).";
        }
      }
    }
  }
  return null;
}
