import type { PrismaClient } from "@custos/db";
import type { Logger } from "./logger.ts";

export interface Context {
  prisma: PrismaClient;
  /** The controller whose records this request reads and writes. */
  tenantId: string;
  requestId: string;
  log: Logger;
}
