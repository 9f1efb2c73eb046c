import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { migrationStatus } from "./migrations/migrator.ts";
import { seededPgliteTemplate } from "./pglite-template.ts";
import { prepareDatabase } from "./prepare.ts";

it("is made once and copied: each new folder is a database of its own, and the template stays as it was made", async () => {
  const template = await seededPgliteTemplate();
  expect(template).toBeDefined();
  const madeAt = (await stat(template as string)).mtimeMs;
  const folders = [await mkdtemp(path.join(tmpdir(), "custos-pglite-")), await mkdtemp(path.join(tmpdir(), "custos-pglite-"))];
  try {
    const [first, second] = [
      await prepareDatabase({ kind: "pglite", dataDir: folders[0] as string }),
      await prepareDatabase({ kind: "pglite", dataDir: folders[1] as string }),
    ];
    if (!first || !second) throw new Error("unreachable");
    const tenant = await first.prisma.tenant.findFirstOrThrow();
    await first.prisma.dataSubject.create({ data: { tenantId: tenant.id, externalId: "only-in-the-first" } });
    expect(await second.prisma.dataSubject.count({ where: { externalId: "only-in-the-first" } })).toBe(0);
    expect(await second.prisma.purpose.count()).toBe(7);
    // The copy skips the migrator: the template must hold every migration of the folder, recorded as Prisma records it.
    expect(await migrationStatus(second.db)).toEqual({ pending: [], unknown: [], failed: [], edited: [] });
    await first.close();
    await second.close();
    expect(await seededPgliteTemplate()).toBe(template);
    expect((await stat(template as string)).mtimeMs).toBe(madeAt);
  } finally {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
});
