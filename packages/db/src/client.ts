import { PrismaClient } from "../generated/prisma/client.ts";
import type { Database } from "./database.ts";

export function createPrismaClient(db: Database): PrismaClient {
  return new PrismaClient({ adapter: db.adapterFactory });
}
