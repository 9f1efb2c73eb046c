import { scopeToTenant, seedCatalogue, type TenantScopedPrisma } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { recordAudit } from "../audit/audit-service.ts";
import { recordConsentDecision, recordCookieChoices } from "../consent/consent-service.ts";
import { reportGpcSignal } from "../consent/gpc-service.ts";
import { submitRequest } from "../requests/request-service.ts";
import { consentSampleHelpers, startTestGateway, TEST_KEY_PEPPER } from "../testing.ts";
import { createApiKey } from "./api-key-service.ts";
import { MATRIX_CALLERS, OPERATION_SAMPLES, type SampleWorld } from "./operation-samples.ts";

/** Tenant B's processor, transfer, disclosure, hold, retention policy, run and task, by id. */
async function seedRegisters(b: TenantScopedPrisma, tenantId: string, dataSystemId: string) {
  const identity = await b.dataCategory.findFirstOrThrow({ where: { key: "identity" } });
  const processor = await b.processor.create({
    data: { tenantId, name: "B Processor Ltd", country: "JP", dataCategories: { connect: [{ id: identity.id }] } },
  });
  const transfer = await b.transferRecord.create({
    data: {
      tenantId,
      processorId: processor.id,
      destinationCountry: "JP",
      mechanisms: ["PIPL_STANDARD_CONTRACT"],
      subjectJurisdictions: ["CN"],
      separateConsentObtained: true,
      individualNoticeGiven: true,
      startsAt: new Date("2025-01-01T00:00:00.000Z"),
      dataCategories: { create: [{ dataCategoryId: identity.id }] },
    },
  });
  const subject = await b.dataSubject.create({ data: { tenantId, externalId: "b-held-subject" } });
  const disclosure = await b.disclosureRecord.create({
    data: {
      tenantId,
      subjectId: subject.id,
      authority: "B disclosure authority",
      instrument: "SUBPOENA",
      legalBasis: "statute",
      dataDisclosed: "identity",
      disclosedAt: new Date("2026-01-01T00:00:00.000Z"),
    },
  });
  const hold = await b.legalHold.create({ data: { tenantId, subjectId: subject.id, reason: "B hold reason" } });
  await b.retentionPolicy.create({
    data: { tenantId, dataCategoryId: identity.id, trigger: "COLLECTION", action: "DELETE", legalBasis: "CONTRACT" },
  });
  const run = await b.retentionRun.create({ data: { tenantId, dryRun: false } });
  const task = await b.retentionTask.create({
    data: {
      tenantId,
      runId: run.id,
      dataSystemId,
      dataCategoryId: identity.id,
      action: "DELETE",
      trigger: "COLLECTION",
      clockStartBefore: new Date("2023-01-01T00:00:00.000Z"),
      heldSubjectIds: ["b-held-subject"],
    },
  });
  return {
    processorId: processor.id,
    transferId: transfer.id,
    disclosureId: disclosure.id,
    legalHoldId: hold.id,
    retentionTaskId: task.id,
  };
}

describe.each(TEST_ENGINES)("tenant isolation on %s", (engine) => {
  it("shows none of a second tenant's records through any query, to any caller of the first", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;

    // Tenant B holds the same shopper id and the same purposes, so only the tenant tells them apart.
    const { tenantId: bId } = await seedCatalogue(prisma, { tenantSlug: "tenant-b", controllerName: "Tenant B Ltd" });
    const b = scopeToTenant(prisma, bId);
    const bCaller = {
      caller: { kind: "anonymous", tenantId: bId } as const,
      tenantId: bId,
      requestId: "tenant-b-request",
      keyPepper: TEST_KEY_PEPPER,
    };
    const decision = {
      subjectId: "shopper-1",
      channel: "API",
      jurisdiction: "DE",
      policyVersionId: null,
      proof: { userAgent: "tenant-b-agent", pageUrl: "https://tenant-b.test/" },
      gpc: null,
      tcString: "tenant-b-tc-string",
      gppString: null,
      idempotencyKey: "tenant-b-key",
    } as const;
    await recordConsentDecision(b, bCaller, { ...decision, purposeKey: "marketing", decision: "GRANTED", expiresAt: null });
    await recordCookieChoices(b, bCaller, {
      ...decision,
      idempotencyKey: null,
      choices: [{ categoryKey: "analytics", decision: "GRANTED" }],
      expiresAt: null,
    });
    await reportGpcSignal(b, bCaller, { subjectId: "shopper-1", gpc: true, jurisdiction: "US-CA", proof: null, gppString: "tenant-b-gpp" });
    await b.policyVersion.create({
      data: { tenantId: bId, kind: "PRIVACY", language: "ru", version: "tenant-b-only", effectiveAt: new Date("2025-01-01T00:00:00Z") },
    });
    const bCategory = await b.cookieCategory.findFirstOrThrow({ where: { key: "analytics" } });
    await b.cookieVendor.create({ data: { tenantId: bId, cookieCategoryId: bCategory.id, name: "Tenant B Vendor", country: "DE" } });
    await recordAudit(b, bCaller, { operation: "seededForIsolation" });
    const bKey = await createApiKey(b, bId, TEST_KEY_PEPPER, { kind: "STAFF", name: "tenant b staff" });
    const bSystem = await b.dataSystem.create({ data: { tenantId: bId, key: "b-system", name: "B system" } });
    const bRegisters = await seedRegisters(b, bId, bSystem.id);

    const bRequest = await submitRequest(
      b,
      { ...bCaller, keyPepper: TEST_KEY_PEPPER },
      {
        type: "ACCESS",
        jurisdiction: "DE",
        contactEmail: "tenant-b-person@example.com",
        subjectId: "shopper-1",
      },
    );

    await submitRequest(
      b,
      { ...bCaller, keyPepper: TEST_KEY_PEPPER },
      {
        type: "OBJECTION",
        jurisdiction: "DE",
        contactEmail: "tenant-b-objector@example.com",
        subjectId: "shopper-1",
      },
    );
    const bIdentifiers = new Set<string>([
      "b-system",
      "tenant-b-objector@example.com",
      bId,
      bKey.key.prefix,
      "Tenant B Ltd",
      "tenant-b",
      "seededForIsolation",
      "B system",
      "B Processor Ltd",
      "Japan",
      "b-held-subject",
      "B disclosure authority",
      "B hold reason",
      ...Object.values(bRegisters),
      "Tenant B Vendor",
      "tenant-b-only",
      "tenant-b-agent",
      "tenant-b-tc-string",
      "tenant-b-gpp",
      "tenant-b-person@example.com",
      bRequest.request.id,
    ]);
    for (const event of await b.consentEvent.findMany({ select: { hash: true, proofDigest: true } })) {
      bIdentifiers.add(event.hash);
      if (event.proofDigest) bIdentifiers.add(event.proofDigest);
    }
    for (const rows of [
      await b.purpose.findMany({ select: { id: true } }),
      await b.dataSubject.findMany({ select: { id: true } }),
      await b.consentEvent.findMany({ select: { id: true } }),
      await b.policyVersion.findMany({ select: { id: true } }),
      await b.cookieVendor.findMany({ select: { id: true } }),
      await b.auditLogEntry.findMany({ select: { id: true } }),
      await b.apiKey.findMany({ select: { id: true } }),
      await b.retentionPolicy.findMany({ select: { id: true } }),
      await b.retentionRun.findMany({ select: { id: true } }),
      await b.requestTask.findMany({ select: { id: true } }),
      await b.requestEvent.findMany({ select: { id: true } }),
    ]) {
      for (const row of rows) bIdentifiers.add(row.id);
    }

    const tokens = {
      anonymous: undefined,
      storefront: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: ["https://shop.test"] }),
      shopper: await gateway.shopperSession("shopper-1"),
      otherShopper: await gateway.shopperSession("shopper-2"),
      service: undefined,
      partner: undefined,
      staff: gateway.staffKey,
      auditor: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }),
    };
    const world: SampleWorld = {
      shopperId: "shopper-1",
      unique: () => "isolation",
      revocableKeyPrefix: async () => bKey.key.prefix,
      disclosureId: async () => bRegisters.disclosureId,
      legalHoldId: async () => bRegisters.legalHoldId,
      retentionTaskId: async () => bRegisters.retentionTaskId,
      ...(await consentSampleHelpers(gateway, "shopper-1")),
      // Tenant B's request, asked about by tenant A's callers: it must stay unknown to them.
      requestToken: async () => bRequest.trackingToken,
      requestId: async () => bRequest.request.id,
      requestWithCode: () => Promise.reject(new Error("only queries run here")),
      answeredRequestToken: () => Promise.reject(new Error("only queries run here")),
      openTaskId: () => Promise.reject(new Error("only queries run here")),
      retirableSystemKey: () => Promise.reject(new Error("only queries run here")),
      failedNoticeId: () => Promise.reject(new Error("only queries run here")),
    };
    const seen: string[] = [];
    for (const [operation, sample] of Object.entries(OPERATION_SAMPLES)) {
      if (!operation.startsWith("Query.")) continue;
      for (const caller of MATRIX_CALLERS) {
        const token = tokens[caller];
        if (!token && caller !== "anonymous") continue;
        const response = await gateway.execute(sample.document, await sample.variables(world), { token, origin: "https://shop.test" });
        seen.push(JSON.stringify(response.data ?? null));
      }
    }
    const leaks = [...bIdentifiers].filter((identifier) => seen.some((body) => body.includes(identifier)));
    expect(leaks).toEqual([]);

    const aState = await gateway.asStaff('{ consentState(subjectId: "shopper-1") { purposes { status } } }');
    // The samples granted feature_testing in tenant A; tenant B's marketing grant for the same id shows nowhere here.
    expect(aState.data).toEqual({ consentState: { purposes: [{ status: "GRANTED" }, { status: "NOT_ASKED" }] } });
    const revokeB = await gateway.asStaff("mutation ($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix } }", {
      prefix: bKey.key.prefix,
    });
    expect(revokeB.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await gateway.execute("{ viewer { tenant } }", {}, { token: bKey.token })).data).toEqual({ viewer: { tenant: "tenant-b" } });
  });
});
