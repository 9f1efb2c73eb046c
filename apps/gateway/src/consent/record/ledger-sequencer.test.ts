import { createPrismaClient, openDatabase } from "@custos/db";
import { expect, inject, it } from "vitest";
import { dataOf, startTestGateway, TEST_KEY_PEPPER } from "../../../test/harness.ts";
import { startGateway } from "../../app/server.ts";
import { silentLogger } from "../../ground/logger.ts";

const RECORD = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence } }";
const VERIFY = "{ consentLedgerVerification { ok verifiedCount headSequence firstBreak { sequence } } }";

// Two gateways on one PostgreSQL database, each with its own client, pool and sequencer, as two processes would be.
it("chains each decision once, gap-free and verifiable, when two gateways' sequencers race on one database", async () => {
  await using first = await startTestGateway("postgres", inject("postgresAdminUrl"));
  if (first.database.db.target.kind !== "postgres") throw new Error("a PostgreSQL test");
  const secondDatabase = await openDatabase(first.database.db.target);
  const secondPrisma = createPrismaClient(secondDatabase);
  const second = await startGateway({ prisma: secondPrisma, port: 0, log: silentLogger, keyPepper: TEST_KEY_PEPPER, rateLimits: "off" });
  try {
    const send = (url: string, index: number, attempt: string) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${first.staffKey}` },
        body: JSON.stringify({
          query: RECORD,
          variables: {
            input: {
              subjectId: `race-${index % 7}`,
              purpose: "marketing",
              decision: "GRANTED",
              channel: "API",
              idempotencyKey: `k-${index}-${attempt}`,
            },
          },
        }),
      }).then(async (response) => dataOf<{ id: string; sequence: number }>(await response.json(), "recordConsent"));
    // 60 decisions, each sent to both gateways at once with the same idempotency key: 120 requests, 60 events.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => [send(first.baseUrl, index, "a"), send(second.url, index, "a")]).flat(),
    );
    for (let index = 0; index < 60; index++) expect(answers[2 * index]?.id).toBe(answers[2 * index + 1]?.id);
    const sequences = [...new Set(answers.map((answer) => answer.sequence))].sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(await first.database.prisma.consentEvent.count()).toBe(60);
    expect(dataOf(await first.asStaff(VERIFY), "consentLedgerVerification")).toMatchObject({
      ok: true,
      verifiedCount: 60,
      headSequence: 60,
      firstBreak: null,
    });
    // Every call is audited, the retries answered with the first write's event too.
    expect(await first.database.prisma.auditLogEntry.count({ where: { operation: "recordConsent" } })).toBe(120);
  } finally {
    await second.stop();
    await secondPrisma.$disconnect();
    await secondDatabase.close();
  }
});
