import { readFileSync } from "node:fs";
import { TEST_ENGINES } from "@custos/db/testing";
import { buildSchema } from "graphql";
import { describe, expect, inject, it } from "vitest";
import { silentLogger } from "../logger.ts";
import { type Credentials, consentSampleHelpers, startTestGateway } from "../testing.ts";
import { keyPrefixOf } from "./api-key-format.ts";
import { expectedOutcome, MATRIX_CALLERS, type MatrixCaller, OPERATION_SAMPLES, type SampleWorld } from "./operation-samples.ts";

const STOREFRONT_ORIGIN = "https://shop.test";

function publicOperations(): string[] {
  const printed = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
  return [printed.getQueryType(), printed.getMutationType()].flatMap((root) =>
    Object.keys(root?.getFields() ?? {}).map((field) => `${root?.name}.${field}`),
  );
}

describe("the authorisation matrix", () => {
  it("has a row for every query and mutation in the printed schema", () => {
    expect(Object.keys(OPERATION_SAMPLES).sort()).toEqual(publicOperations().sort());
  });
});

describe.each(TEST_ENGINES)("every operation as every caller on %s", (engine) => {
  it("is allowed exactly where the matrix says, refused otherwise with the exact code, and audited when allowed", async () => {
    // Every anonymous sample runs from one address; the per-address limit is tested in limits.test.ts.
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, {
      rateLimits: "off",
    });
    const { prisma } = gateway.database;
    const { tenantId } = gateway;
    await prisma.processor.create({ data: { tenantId, name: "Acme Cloud", country: "SG" } });
    const identity = await prisma.dataCategory.findFirstOrThrow({ where: { tenantId, key: "identity" } });
    let counter = 0;
    const createSystem = async (input: Record<string, unknown>) => {
      const response = await gateway.asStaff("mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }", {
        input,
      });
      return (response.data as { createDataSystem: { key: string } }).createDataSystem.key;
    };
    // The matrix's company app is the account system, so it may register contacts.
    await createSystem({ key: "orders-app", name: "Orders", dataCategories: ["identity"], accountSystem: true });
    const ordersApp = await prisma.dataSystem.findFirstOrThrow({ where: { tenantId, key: "orders-app" } });
    const submit = async (type: string) => {
      const response = await gateway.asStaff(
        "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id } } }",
        { input: { type, jurisdiction: "DE", contactEmail: `world-${++counter}@example.com` } },
      );
      const submitted = response.data?.submitRequest as { trackingToken: string; request: { id: string } };
      return { token: submitted.trackingToken, id: submitted.request.id, recipient: `world-${counter}@example.com` };
    };
    const world: SampleWorld = {
      shopperId: "shopper-1",
      unique: () => String(++counter),
      requestToken: async () => (await submit("ERASURE")).token,
      requestId: async () => (await submit("ERASURE")).id,
      requestWithCode: async () => {
        const { token, recipient } = await submit("ERASURE");
        const notice = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient, template: "request.verification-code" } });
        return { token, code: String((notice.payload as { code: string }).code) };
      },
      answeredRequestToken: async () => {
        const { token, id } = await submit("COMPLAINT");
        await gateway.asStaff("mutation ($id: ID!) { transitionRequest(input: { id: $id, to: COMPLETED }) { id } }", { id });
        return token;
      },
      retirableSystemKey: () => createSystem({ key: `retire-${++counter}`, name: "To retire" }),
      openTaskId: async () => {
        const { id } = await submit("OBJECTION");
        return (await prisma.requestTask.findFirstOrThrow({ where: { requestId: id, dataSystem: { key: "orders-app" } } })).id;
      },
      failedNoticeId: async () => {
        const { recipient } = await submit("ERASURE");
        // The relay refuses, and one attempt is all a notice gets here: straight to the dead-letter list.
        gateway.mail.failNext = 1000;
        await gateway.deliverMail({ maxAttempts: 1, batchSize: 10_000 });
        gateway.mail.failNext = 0;
        return (await prisma.outboxMessage.findFirstOrThrow({ where: { recipient, status: "FAILED" } })).id;
      },
      revocableKeyPrefix: async () => {
        const token = await gateway.issueKey({ kind: "AUDITOR", name: `to revoke ${++counter}` });
        return keyPrefixOf(token) as string;
      },
      disclosureId: async () =>
        (
          await prisma.disclosureRecord.create({
            data: {
              tenantId,
              authority: "Regulator",
              instrument: "REGULATOR_REQUEST",
              legalBasis: "statute",
              dataDisclosed: "orders",
              disclosedAt: new Date("2026-01-01T00:00:00.000Z"),
              notNotifiedReason: "gag order",
            },
          })
        ).id,
      legalHoldId: async () => (await prisma.legalHold.create({ data: { tenantId, dataCategoryId: identity.id, reason: "audit" } })).id,
      retentionTaskId: async () =>
        (
          await prisma.retentionTask.create({
            data: {
              tenantId,
              runId: (await prisma.retentionRun.create({ data: { tenantId, dryRun: false } })).id,
              dataSystemId: ordersApp.id,
              // A system has one open task per category, so each fresh task is of a category of its own.
              dataCategoryId: (
                await prisma.dataCategory.create({
                  data: { tenantId, key: `matrix-${++counter}`, name: "Matrix", description: "A task's own." },
                })
              ).id,
              action: "DELETE",
              trigger: "COLLECTION",
              clockStartBefore: new Date("2023-01-01T00:00:00.000Z"),
            },
          })
        ).id,
      ...(await consentSampleHelpers(gateway, "shopper-1")),
    };
    const credentials: Record<MatrixCaller, Credentials> = {
      anonymous: {},
      storefront: {
        token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [STOREFRONT_ORIGIN] }),
        origin: STOREFRONT_ORIGIN,
      },
      shopper: { token: await gateway.shopperSession(world.shopperId) },
      otherShopper: { token: await gateway.shopperSession("shopper-2") },
      service: { token: await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders-app" }) },
      partner: { token: await gateway.issueKey({ kind: "PARTNER", name: "acme", processorName: "Acme Cloud" }) },
      staff: { token: gateway.staffKey },
      auditor: { token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) },
    };

    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [operation, sample] of Object.entries(OPERATION_SAMPLES)) {
      const field = operation.split(".")[1] as string;
      for (const caller of MATRIX_CALLERS) {
        const response = await gateway.execute(sample.document, await sample.variables(world), credentials[caller]);
        const code = response.errors?.[0]?.extensions?.code;
        const outcome = response.errors === undefined && response.data?.[field] != null ? "ALLOWED" : String(code);
        outcomes.push(`${operation} as ${caller}: ${outcome}`);
        expected.push(`${operation} as ${caller}: ${expectedOutcome(sample, caller)}`);
        if (outcome === "ALLOWED" && sample.audited) {
          const entries = await prisma.auditLogEntry.count({ where: { requestId: response.requestId, operation: field } });
          outcomes.push(`${operation} as ${caller}: ${entries > 0 ? "audited" : "NOT AUDITED"}`);
          expected.push(`${operation} as ${caller}: audited`);
        }
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
