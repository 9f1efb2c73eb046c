// Issue 27, found by the schema fuzz test: signedConsentReceipt made the tenant's first signing key before it looked
// the event up, so a call refused with NOT_FOUND (an auditor guessing an event id) still wrote a key, and published
// it. A refused call writes nothing. Through HTTP: the refusal, then the public key set.
import { randomUUID } from "node:crypto";
import { DEFAULT_TENANT_SLUG } from "@custos/db";
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestGateway, type TestGateway } from "../harness.ts";

const SIGNED_RECEIPT = "query ($subjectId: String!, $eventId: ID!) { signedConsentReceipt(subjectId: $subjectId, eventId: $eventId) }";

describe.each(TEST_ENGINES)("a refused signed receipt on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
  });
  afterAll(() => gateway?.[Symbol.asyncDispose]());

  const publishedKeys = async () => {
    const response = await fetch(`${gateway.baseUrl}/.well-known/custos/${DEFAULT_TENANT_SLUG}/keys`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { keys: unknown[] }).keys;
  };

  it("makes and publishes no signing key", async () => {
    expect(await publishedKeys()).toEqual([]);
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "auditor" });
    const refused = await gateway.execute(SIGNED_RECEIPT, { subjectId: "visitor-1", eventId: randomUUID() }, { token: auditor });
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "NOT_FOUND" }) })]);
    expect(await publishedKeys()).toEqual([]);
  });
});
