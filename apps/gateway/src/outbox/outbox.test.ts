import { scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase, TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { RecordingTransport } from "../../test/recording-transport.ts";
import { dispatchOutbox } from "../cross-tenant/outbox-dispatch.ts";
import { enqueueNotices, type Notice } from "./outbox-service.ts";

describe.each(TEST_ENGINES)("the outbox on %s", (engine) => {
  it("sends each queued notice once, even with two dispatchers at once, and retries a failure until it gives up", async () => {
    await using database = await createMigratedTestDatabase(engine, inject("postgresAdminUrl"));
    const { prisma } = database;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    const notices: Notice[] = Array.from({ length: 30 }, (_, i) => ({
      template: "request.acknowledgement",
      recipient: `person${i}@example.com`,
      payload: { i },
    }));
    await enqueueNotices(scopeToTenant(prisma, tenant.id), tenant.id, notices);

    const transport = new RecordingTransport();
    const results = await Promise.all([
      dispatchOutbox(prisma, transport, { batchSize: 20 }),
      dispatchOutbox(prisma, transport, { batchSize: 20 }),
    ]);
    const again = await dispatchOutbox(prisma, transport, { batchSize: 20 });
    expect(results.reduce((sum, result) => sum + result.sent, 0) + again.sent).toBe(30);
    expect(new Set(transport.sent.map((message) => message.id)).size).toBe(30);
    expect(transport.sent).toHaveLength(30);

    await enqueueNotices(scopeToTenant(prisma, tenant.id), tenant.id, [
      { template: "request.acknowledgement", recipient: "late@example.com", payload: {} },
    ]);
    transport.failNext = 2;
    expect(await dispatchOutbox(prisma, transport, { maxAttempts: 2 })).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await dispatchOutbox(prisma, transport, { maxAttempts: 2 })).toEqual({ sent: 0, failed: 1, retrying: 0 });
    const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: "late@example.com" } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 2, lastError: "Error" });
    expect(await dispatchOutbox(prisma, transport)).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });
});
