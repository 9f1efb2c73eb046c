import pino from "pino";

/** Structured JSON lines on stderr, through pino. Callers pass identifiers and counts, never personal data. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something that needs a person's attention before it becomes a failure. */
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Fields that would carry personal data or secrets if a caller passed them by mistake: their values are replaced
 * with "[redacted]" at the top level of a line's fields and one level down.
 */
export const REDACTED_FIELDS = [
  "email",
  "contactEmail",
  "recipient",
  "subjectId",
  "subjectExternalId",
  "address",
  "clientAddress",
  "ip",
  "authorization",
  "token",
  "trackingToken",
  "code",
  "payload",
] as const;

export function createJsonLogger(write?: (line: string) => void, level: LogLevel = "info"): Logger {
  // Asynchronous: lines logged while a write is under way go out together in the next one, so a busy gateway makes a
  // write a batch instead of one per request (the access log's blocking write cost a quarter of a catalogue read);
  // pino flushes what is left synchronously when the process exits.
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, "")) } : pino.destination({ dest: 2, sync: false });
  const logger = pino(
    {
      level,
      messageKey: "message",
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: "[redacted]" },
    },
    destination,
  );
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
