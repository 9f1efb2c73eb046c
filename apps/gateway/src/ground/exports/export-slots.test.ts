import { describe, expect, it } from "vitest";
import { CustosError } from "../errors.ts";
import { CONCURRENT_EXPORTS, inExportSlot } from "./export-slots.ts";

describe("export slots (issue 11: six concurrent 99k-row exports took 300 MiB)", () => {
  it(`builds at most ${CONCURRENT_EXPORTS} exports at once and refuses the next with EXPORT_BUSY until one is done`, async () => {
    const releases: (() => void)[] = [];
    const running = Array.from({ length: CONCURRENT_EXPORTS }, () =>
      inExportSlot(() => new Promise<void>((resolve) => releases.push(resolve))),
    );
    const refused = await inExportSlot(async () => "built").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CustosError);
    expect((refused as CustosError).code).toBe("EXPORT_BUSY");
    for (const release of releases) release();
    await Promise.all(running);
    expect(await inExportSlot(async () => "built")).toBe("built");
  });
});
