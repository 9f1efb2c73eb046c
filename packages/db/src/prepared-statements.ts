// Statements that opt in are prepared once per PostgreSQL connection and then run from a generic plan: no parse and
// no plan per call. A generic plan is made once, from the statistics of that moment, so only a statement whose plan
// cannot go bad as its tables grow may opt in. Measured: the ledger's batch lookup, prepared, kept the plan it was given
// while the claims table was nearly empty and scanned it whole once it held 17,000 rows (14 ms a call). Every other
// statement is planned for its own values at each call.
import { createHash } from "node:crypto";

/** The opening of a statement that opts in. */
export const PREPARED = "/* prepared */";

/** The name `sql` is prepared under, or undefined (an unnamed statement) when it does not open with PREPARED. */
export function preparedStatementName(sql: string): string | undefined {
  if (!sql.startsWith(PREPARED)) return undefined;
  // From the text itself: node-postgres refuses one name for two texts on a connection.
  return `custos_${createHash("sha256").update(sql).digest("base64url").slice(0, 32)}`;
}
