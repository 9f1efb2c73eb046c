import { scopeToTenant, seedCatalogue } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { recordAudit } from "../audit/audit-service.ts";
import { recordConsentDecision } from "../consent/consent-service.ts";
import { submitRequest } from "../requests/request-service.ts";
import { startTestGateway, TEST_KEY_PEPPER } from "../testing.ts";
import { createApiKey } from "./api-key-service.ts";
import { MATRIX_CALLERS, OPERATION_SAMPLES, type SampleWorld } from "./operation-samples.ts";

describe.each(TEST_ENGINES)("tenant isolation on %s", (engine) => {
  it("shows none of a second tenant's records through any query, to any caller of the first", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;

    // Tenant B holds the same shopper id and the same purposes, so only the tenant tells them apart.
    const { tenantId: bId } = await seedCatalogue(prisma, { tenantSlug: "tenant-b", controllerName: "Tenant B Ltd" });
    const b = scopeToTenant(prisma, bId);
    const bCaller = { caller: { kind: "anonymous", tenantId: bId } as const, tenantId: bId, requestId: "tenant-b-request" };
    await recordConsentDecision(b, bCaller, {
      subjectId: "shopper-1",
      purposeKey: "marketing",
      decision: "GRANTED",
      channel: "API",
      jurisdiction: "DE",
    });
    await recordAudit(b, bCaller, { operation: "seededForIsolation" });
    const bKey = await createApiKey(b, bId, TEST_KEY_PEPPER, { kind: "STAFF", name: "tenant b staff" });
    await b.dataSystem.create({ data: { tenantId: bId, key: "b-system", name: "B system" } });
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
      "tenant-b-person@example.com",
      bRequest.request.id,
    ]);
    for (const rows of [
      await b.purpose.findMany({ select: { id: true } }),
      await b.dataSubject.findMany({ select: { id: true } }),
      await b.consentEvent.findMany({ select: { id: true } }),
      await b.auditLogEntry.findMany({ select: { id: true } }),
      await b.apiKey.findMany({ select: { id: true } }),
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
      // Tenant B's request, asked about by tenant A's callers: it must stay unknown to them.
      requestToken: async () => bRequest.trackingToken,
      requestId: async () => bRequest.request.id,
      requestWithCode: () => Promise.reject(new Error("only queries run here")),
      answeredRequestToken: () => Promise.reject(new Error("only queries run here")),
      openTaskId: () => Promise.reject(new Error("only queries run here")),
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
    expect(aState.data).toEqual({ consentState: { purposes: [{ status: "NOT_ASKED" }, { status: "NOT_ASKED" }] } });
    const revokeB = await gateway.asStaff("mutation ($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix } }", {
      prefix: bKey.key.prefix,
    });
    expect(revokeB.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await gateway.execute("{ viewer { tenant } }", {}, { token: bKey.token })).data).toEqual({ viewer: { tenant: "tenant-b" } });
  });
});
