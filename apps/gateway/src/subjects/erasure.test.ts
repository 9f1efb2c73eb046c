import { scopeToTenant } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { dataOf, startTestGateway } from "../../test/harness.ts";
import { eraseSubjectRecords } from "./erasure.ts";

describe.each(TEST_ENGINES)("erasing a subject's records on %s", (engine) => {
  it("removes the person's identifiers and proof fields, keeps the decisions, and leaves other people alone", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const proof = { userAgent: "Mozilla/5.0", ipAddress: "203.0.113.7", pageUrl: "https://shop.test/cart" };
    for (const externalId of ["cust-1", "cust-2"]) {
      const input = { subjectId: externalId, email: `${externalId}@example.com` };
      dataOf(
        await gateway.asStaff("mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }", {
          input,
        }),
        "registerSubjectContact",
      );
      dataOf(
        await gateway.asStaff("mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
          input: { subjectId: externalId, purpose: "marketing", decision: "GRANTED", channel: "BANNER", proof },
        }),
        "recordConsent",
      );
    }
    const subject = (externalId: string) =>
      prisma.dataSubject.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId: gateway.tenantId, externalId } } });
    const [erased, kept] = [await subject("cust-1"), await subject("cust-2")];
    const storedProof = await prisma.consentEvent.findFirstOrThrow({
      where: { subjectId: kept.id },
      select: { userAgent: true, ipHash: true, pageUrl: true },
    });
    expect(storedProof).toMatchObject({ userAgent: "Mozilla/5.0", ipHash: expect.any(String), pageUrl: "https://shop.test/cart" });

    await scopeToTenant(prisma, gateway.tenantId).$transaction((tx) => eraseSubjectRecords(tx, erased.id));

    expect(await prisma.dataSubject.findUniqueOrThrow({ where: { id: erased.id } })).toMatchObject({
      externalId: `erased:${erased.id}`,
      contactEmail: null,
      erasedAt: expect.any(Date),
    });
    expect(await prisma.consentEvent.findFirstOrThrow({ where: { subjectId: erased.id } })).toMatchObject({
      decision: "GRANTED",
      channel: "BANNER",
      userAgent: null,
      ipHash: null,
      pageUrl: null,
    });
    expect(await prisma.dataSubject.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({
      externalId: "cust-2",
      contactEmail: "cust-2@example.com",
      erasedAt: null,
    });
    expect(await prisma.consentEvent.findFirstOrThrow({ where: { subjectId: kept.id } })).toMatchObject(storedProof);
  });
});
