import { scopeToTenant, seedCatalogue, type TenantScopedPrisma } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { type Credentials, dataOf, startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../../test/harness.ts";
import { OPERATION_SAMPLES } from "../../test/samples/operation-samples.ts";
import { MATRIX_CALLERS, type MatrixCaller, type SampleWorld } from "../../test/samples/sample-types.ts";
import { SAMPLE_PROCESSOR, SAMPLE_SYSTEM, sampleWorld } from "../../test/samples/sample-world.ts";
import { silentLogger } from "../ground/logger.ts";
import { createApiKey } from "./api-key-service.ts";

const SHOPPER = "shopper-1";

/** Tenant B's registers beyond the sample world, each through B's staff over GraphQL, with what identifies them. */
async function seedTenantB(gateway: TestGateway, staffToken: string) {
  const asB = async <T>(field: string, query: string, input: Record<string, unknown>) =>
    dataOf<T>(await gateway.execute(query, { input }, { token: staffToken }), field);
  await asB("createProcessor", "mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
    name: "B Processor Ltd",
    country: "JP",
    dataCategories: ["identity"],
    purposes: [],
  });
  const transfer = await asB<{ id: string }>(
    "recordTransfer",
    "mutation ($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }",
    {
      processor: "B Processor Ltd",
      destinationCountry: "JP",
      dataCategories: ["identity"],
      mechanisms: ["PIPL_STANDARD_CONTRACT"],
      subjectJurisdictions: ["CN"],
      separateConsentObtained: true,
      individualNoticeGiven: true,
      startsAt: "2025-01-01T00:00:00.000Z",
    },
  );
  await asB(
    "registerSubjectContact",
    "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { email } }",
    {
      subjectId: SHOPPER,
      email: "tenant-b-person@example.com",
    },
  );
  const disclosure = await asB<{ id: string }>(
    "recordDisclosure",
    "mutation ($input: RecordDisclosureInput!) { recordDisclosure(input: $input) { id } }",
    {
      subjectId: SHOPPER,
      authority: "B disclosure authority",
      instrument: "SUBPOENA",
      legalBasis: "statute",
      dataDisclosed: "identity",
      disclosedAt: "2026-01-01T00:00:00.000Z",
      subjectNotified: true,
    },
  );
  const hold = await asB<{ id: string }>(
    "placeLegalHold",
    "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id } }",
    {
      subjectId: SHOPPER,
      reason: "B hold reason",
    },
  );
  await asB(
    "publishPolicyVersion",
    "mutation ($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { policyVersion { id } } }",
    {
      kind: "PRIVACY",
      language: "ru",
      version: "tenant-b-only",
      effectiveAt: "2025-01-01T00:00:00.000Z",
      material: false,
    },
  );
  for (const [type, contactEmail] of [
    ["ACCESS", "tenant-b-person@example.com"],
    ["OBJECTION", "tenant-b-objector@example.com"],
  ]) {
    await asB("submitRequest", "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }", {
      type,
      jurisdiction: "DE",
      contactEmail,
      subjectId: SHOPPER,
    });
  }
  return {
    identifiers: [
      "B Processor Ltd",
      "Japan",
      transfer.id,
      disclosure.id,
      "B disclosure authority",
      hold.id,
      "B hold reason",
      "tenant-b-only",
    ],
    /** The ones on the first page of their list for B itself (the sample world adds more holds and disclosures). */
    listed: ["B Processor Ltd", transfer.id, "tenant-b-only"],
  };
}

/** The world, noting every record of its tenant it hands out (an id, a token, a key prefix). */
function recordingWorld(world: SampleWorld, handedOut: Set<string>): SampleWorld {
  const note = <T>(value: T): T => {
    if (typeof value === "string") handedOut.add(value);
    else if (value && typeof value === "object" && "token" in value) handedOut.add(String(value.token));
    return value;
  };
  const recorded = { ...world };
  for (const [name, member] of Object.entries(world)) {
    // `unique` only names new records, which the samples make in the caller's own tenant.
    if (typeof member !== "function" || name === "unique") continue;
    Object.assign(recorded, { [name]: async () => note(await (member as () => Promise<unknown>)()) });
  }
  return recorded;
}

/** Every row of tenant B that a cross-tenant call could change, as one comparable text. */
async function tenantBState(b: TenantScopedPrisma) {
  const byId = { orderBy: { id: "asc" } } as const;
  return JSON.stringify([
    await b.dataSubject.findMany(byId),
    await b.consentEvent.findMany(byId),
    await b.consentState.findMany({ orderBy: [{ subjectId: "asc" }, { purposeId: "asc" }] }),
    await b.privacyRequest.findMany(byId),
    await b.requestTask.findMany(byId),
    await b.requestVerificationCode.findMany(byId),
    await b.apiKey.findMany(byId),
    await b.dataSystem.findMany(byId),
    await b.processor.findMany(byId),
    await b.transferRecord.findMany(byId),
    await b.disclosureRecord.findMany(byId),
    await b.legalHold.findMany(byId),
    await b.retentionPolicy.findMany(byId),
    await b.retentionTask.findMany(byId),
    await b.policyVersion.findMany(byId),
    await b.withdrawalDestruction.findMany(byId),
    await b.marketingSuppression.findMany(byId),
  ]);
}

/** What every query and mutation sample is handed: a fresh record of `world`'s tenant for each caller. */
async function prepareCalls(world: SampleWorld) {
  const calls = [];
  for (const [operation, sample] of Object.entries(OPERATION_SAMPLES)) {
    for (const caller of MATRIX_CALLERS) calls.push({ operation, sample, caller, variables: await sample.variables(world) });
  }
  return calls;
}

describe.each(TEST_ENGINES)("tenant isolation on %s", (engine) => {
  // Every operation of the schema for each tenant's callers: past a minute when CI runs it beside other packages' tests.
  it("lets no caller of one tenant see or change another tenant's records, through any query or mutation", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
    const { prisma } = gateway.database;

    // Tenant B is a second shop installed by the seed, its staff key made as `pnpm keys create --tenant tenant-b`
    // does. It holds the same shopper id and the same purposes, so only the tenant tells them apart.
    const { tenantId: bId } = await seedCatalogue(prisma, { tenantSlug: "tenant-b", controllerName: "Tenant B Ltd" });
    const b = scopeToTenant(prisma, bId);
    const bStaff = await createApiKey(b, bId, TEST_KEY_PEPPER, { kind: "STAFF", name: "tenant b staff" });
    const bWorld = await sampleWorld(gateway, { staffToken: bStaff.token, label: "second", shopperId: SHOPPER });
    const bRegisters = await seedTenantB(gateway, bStaff.token);
    const bService = await createApiKey(b, bId, TEST_KEY_PEPPER, { kind: "SERVICE", name: "b orders", dataSystemKey: SAMPLE_SYSTEM });

    // Tenant A's callers of every kind, the service and partner keys issued as `pnpm keys create` issues them.
    await sampleWorld(gateway, { staffToken: gateway.staffKey, label: "first", shopperId: SHOPPER });
    const origin = "https://shop.test";
    const aCallers: Record<MatrixCaller, Credentials> = {
      anonymous: { origin },
      storefront: { token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [origin] }), origin },
      shopper: { token: await gateway.shopperSession(SHOPPER) },
      otherShopper: { token: await gateway.shopperSession("shopper-2") },
      service: { token: await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: SAMPLE_SYSTEM }) },
      partner: { token: await gateway.issueKey({ kind: "PARTNER", name: "acme", processorName: SAMPLE_PROCESSOR }) },
      staff: { token: gateway.staffKey },
      auditor: { token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) },
    };

    // Every sample as every caller of A, each handed a record of B (a request, a hold, a task, a key…) made for it.
    const bIdentifiers = new Set<string>([bId, "tenant-b", "Tenant B Ltd", "tenant-b-person@example.com", "tenant-b-objector@example.com"]);
    const calls = await prepareCalls(recordingWorld(bWorld, bIdentifiers));
    for (const identifier of bRegisters.identifiers) bIdentifiers.add(identifier);
    for (const rows of [
      await b.purpose.findMany({ select: { id: true } }),
      await b.dataSubject.findMany({ select: { id: true } }),
      await b.consentEvent.findMany({ select: { id: true, hash: true } }),
      await b.policyVersion.findMany({ select: { id: true } }),
      await b.cookieVendor.findMany({ select: { id: true } }),
      await b.auditLogEntry.findMany({ select: { id: true } }),
      await b.apiKey.findMany({ select: { id: true, prefix: true } }),
      await b.retentionRun.findMany({ select: { id: true } }),
      await b.retentionTask.findMany({ select: { id: true } }),
      await b.requestTask.findMany({ select: { id: true } }),
      await b.privacyRequest.findMany({ select: { id: true } }),
    ]) {
      for (const row of rows) for (const value of Object.values(row)) bIdentifiers.add(String(value));
    }

    const before = await tenantBState(b);
    const seen: string[] = [];
    for (const { operation, caller, variables, sample } of calls) {
      const response = await gateway.execute(sample.document, variables, aCallers[caller]);
      seen.push(`${operation} as ${caller}: ${JSON.stringify(response.data ?? null)}`);
    }
    expect([...bIdentifiers].filter((identifier) => seen.some((body) => body.includes(identifier)))).toEqual([]);
    expect(await tenantBState(b)).toBe(before);

    // The same samples do reach B's records for B's own callers, so the test above could have seen a leak.
    const refusedForOwnTenant: string[] = [];
    const ownView: string[] = [];
    for (const [operation, sample] of Object.entries(OPERATION_SAMPLES)) {
      const token = sample.allowed.includes("staff") ? bStaff.token : bService.token;
      const response = await gateway.execute(sample.document, await sample.variables(bWorld), { token });
      const field = operation.split(".")[1] as string;
      if (response.errors !== undefined || response.data?.[field] == null)
        refusedForOwnTenant.push(`${operation}: ${JSON.stringify(response.errors)}`);
      ownView.push(JSON.stringify(response.data ?? null));
    }
    expect(refusedForOwnTenant).toEqual([]);
    expect(bRegisters.listed.filter((identifier) => !ownView.some((body) => body.includes(identifier)))).toEqual([]);
  }, 240_000);
});
