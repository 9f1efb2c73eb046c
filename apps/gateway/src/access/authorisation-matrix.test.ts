import { readFileSync } from "node:fs";
import { TEST_ENGINES } from "@custos/db/testing";
import { buildSchema } from "graphql";
import { describe, expect, inject, it } from "vitest";
import { type Credentials, startTestGateway } from "../../test/harness.ts";
import { expectedOutcome, OPERATION_SAMPLES } from "../../test/samples/operation-samples.ts";
import { MATRIX_CALLERS, type MatrixCaller } from "../../test/samples/sample-types.ts";
import { SAMPLE_PROCESSOR, SAMPLE_SYSTEM, sampleWorld } from "../../test/samples/sample-world.ts";
import { silentLogger } from "../ground/logger.ts";

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
    const world = await sampleWorld(gateway, { staffToken: gateway.staffKey, label: "matrix", shopperId: "shopper-1" });
    const credentials: Record<MatrixCaller, Credentials> = {
      anonymous: {},
      storefront: {
        token: await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [STOREFRONT_ORIGIN] }),
        origin: STOREFRONT_ORIGIN,
      },
      shopper: { token: await gateway.shopperSession(world.shopperId) },
      otherShopper: { token: await gateway.shopperSession("shopper-2") },
      service: { token: await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: SAMPLE_SYSTEM }) },
      partner: { token: await gateway.issueKey({ kind: "PARTNER", name: "acme", processorName: SAMPLE_PROCESSOR }) },
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
