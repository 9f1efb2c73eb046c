import { scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase, TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { eraseSubjectRecords } from "./erasure.ts";

describe.each(TEST_ENGINES)("erasing a subject's records on %s", (engine) => {
  it("removes the person's identifiers and proof fields, keeps the decisions, and leaves other people alone", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    const db = scopeToTenant(prisma, tenant.id);
    const purpose = await db.purpose.findFirstOrThrow({ where: { key: "marketing" } });
    const proof = { userAgent: "Mozilla/5.0", ipHash: "ab12", pageUrl: "https://shop.test/cart" };
    // Chain fields are placeholders: this test is about erasure; consent/ledger.test.ts checks the chain survives it.
    const [erased, kept] = await Promise.all(
      ["cust-1", "cust-2"].map((externalId, index) =>
        db.dataSubject.create({
          data: {
            tenantId: tenant.id,
            externalId,
            contactEmail: `${externalId}@example.com`,
            consentEvents: {
              create: {
                tenantId: tenant.id,
                purposeId: purpose.id,
                decision: "GRANTED",
                channel: "BANNER",
                ...proof,
                sequence: index + 1,
                previousHash: "",
                hash: "",
              },
            },
          },
        }),
      ),
    );
    if (!erased || !kept) throw new Error("subjects were not created");

    await db.$transaction((tx) => eraseSubjectRecords(tx, erased.id));

    expect(await db.dataSubject.findUniqueOrThrow({ where: { id: erased.id } })).toMatchObject({
      externalId: `erased:${erased.id}`,
      contactEmail: null,
      erasedAt: expect.any(Date),
    });
    expect(await db.consentEvent.findFirstOrThrow({ where: { subjectId: erased.id } })).toMatchObject({
      decision: "GRANTED",
      channel: "BANNER",
      purposeId: purpose.id,
      userAgent: null,
      ipHash: null,
      pageUrl: null,
    });
    expect(await db.dataSubject.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ externalId: "cust-2", erasedAt: null });
    expect(await db.consentEvent.findFirstOrThrow({ where: { subjectId: kept.id } })).toMatchObject(proof);
  });
});
