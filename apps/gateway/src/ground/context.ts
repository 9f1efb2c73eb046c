import type { TenantScopedPrisma } from "@custos/db";
import type { Caller } from "./caller.ts";
import type { Logger } from "./logger.ts";
import type { RequestRecord } from "./request-record.ts";

export interface Context {
  /** Sees the caller's tenant only: isolation is enforced below the resolvers. */
  prisma: TenantScopedPrisma;
  caller: Caller;
  /** The controller whose records this request reads and writes. */
  tenantId: string;
  requestId: string;
  log: Logger;
  /** Keys the hashes of API keys this gateway issues. */
  keyPepper: string;
  /** The peer's IP address, for per-address limits; never stored or logged. */
  clientAddress: string;
  /** What this request's access log line and metrics will say (http/request-record.ts). */
  record: RequestRecord;
}
