import type { z } from "zod";

/**
 * A JSON column whose value does not have the shape the gateway wrote: a fault of ours or of the database, never the
 * caller's, so it reaches a client as INTERNAL_SERVER_ERROR and the log by this name. The message names the column
 * and the paths that failed, never the values (they may hold personal data).
 */
export class StoredJsonError extends Error {
  constructor(column: string, issues: z.ZodError["issues"]) {
    super(
      `${column} does not hold what it should (at ${issues.map((issue) => issue.path.map(String).join(".") || "the top").join(", ")}).`,
    );
    this.name = "StoredJsonError";
  }
}

/** Reads a JSON column as the zod schema next to its domain type says, or throws StoredJsonError. */
export function parseStoredJson<Schema extends z.ZodType>(schema: Schema, value: unknown, column: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredJsonError(column, parsed.error.issues);
  return parsed.data;
}
