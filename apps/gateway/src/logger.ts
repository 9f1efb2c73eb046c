/** Structured JSON lines on stderr. Callers pass identifiers and counts, never personal data. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something that needs a person's attention before it becomes a failure. */
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createJsonLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return {
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
