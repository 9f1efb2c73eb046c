import { CustosError } from "../errors.ts";

/**
 * Exports one gateway process builds at once. An export is held whole in memory (a GraphQL string), up to 100 000
 * rows; six at once took 300 MiB and stalled the event loop, so the rest are refused until one is done.
 */
export const CONCURRENT_EXPORTS = 2;

let building = 0;

/** Runs `build` in one of the process's export slots, or refuses with EXPORT_BUSY when all are taken. */
export async function inExportSlot<T>(build: () => Promise<T>): Promise<T> {
  if (building >= CONCURRENT_EXPORTS) {
    throw new CustosError("EXPORT_BUSY", `${CONCURRENT_EXPORTS} exports are being built already; retry in a few seconds.`);
  }
  building += 1;
  try {
    return await build();
  } finally {
    building -= 1;
  }
}
