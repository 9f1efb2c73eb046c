import type { AddressInfo } from "node:net";
import { DEFAULT_TENANT_SLUG, scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { SMTPServer } from "smtp-server";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { buildGateway, spawnGatewayProcess } from "../../../test/gateway-process.ts";
import { TEST_KEY_PEPPER } from "../../../test/harness.ts";
import { createApiKey } from "../../access/api-key-service.ts";
import { enqueueNotices } from "../../outbox/outbox-service.ts";

/** A real SMTP server that refuses each recipient (451, "try again later") as often as `refusals` says. */
async function flakySmtpServer(refusals: Map<string, number>) {
  const attempts = new Map<string, number>();
  const delivered: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      const recipient = address.address;
      attempts.set(recipient, (attempts.get(recipient) ?? 0) + 1);
      const left = refusals.get(recipient) ?? 0;
      if (left > 0) {
        refusals.set(recipient, left - 1);
        return callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        delivered.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    attempts,
    delivered,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function asStaff(baseUrl: string, token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

const FAILED_NOTICES = "{ outbox(status: FAILED) { edges { node { id recipient attempts lastError status } } } }";

let built: string[];

describe("notices on the PostgreSQL job queue, two gateways", () => {
  beforeAll(() => {
    built = buildGateway("test-notice-jobs");
  }, 120_000);

  it("retry with backoff until sent, dead-letter after the last attempt, and a staff retry sends it; each once", async () => {
    await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    if (database.db.target.kind !== "postgres") throw new Error("a PostgreSQL test database");
    const { prisma } = database;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: DEFAULT_TENANT_SLUG } });
    const staffKey = (
      await createApiKey(scopeToTenant(prisma, tenant.id), tenant.id, TEST_KEY_PEPPER, { kind: "STAFF", name: "jobs test" })
    ).token;
    // The relay is out for a while: ivan's notice is refused twice and then sent, olga's is refused until it is
    // dead-lettered (3 attempts here), and more.
    const refusals = new Map([
      ["ivan@example.com", 2],
      ["olga@example.com", 1000],
    ]);
    const smtp = await flakySmtpServer(refusals);
    const env = {
      NODE_ENV: "development",
      DATABASE_URL: database.db.target.url,
      CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
      CUSTOS_SMTP_URL: smtp.url,
      CUSTOS_MAIL_FROM: "privacy@shop.example",
      CUSTOS_NOTICE_ATTEMPTS: "3",
    };
    const gateways = await Promise.all([spawnGatewayProcess(env, { args: built }), spawnGatewayProcess(env, { args: built })]);
    try {
      const [first, second] = gateways as [(typeof gateways)[0], (typeof gateways)[0]];
      await enqueueNotices(scopeToTenant(prisma, tenant.id), tenant.id, [
        {
          template: "policy.material_change",
          recipient: "ivan@example.com",
          payload: { version: "2026-12", url: "https://shop.example/privacy" },
        },
        {
          template: "policy.material_change",
          recipient: "olga@example.com",
          payload: { version: "2026-12", url: "https://shop.example/privacy" },
        },
      ]);

      // Attempts 1, 2 and 3, e^1 and e^2 seconds apart (graphile-worker's backoff): ivan's third is accepted.
      await expect.poll(() => smtp.delivered, { timeout: 40_000, interval: 250 }).toEqual(["ivan@example.com"]);
      expect(smtp.attempts.get("ivan@example.com")).toBe(3);
      // The relay accepts before the gateway records it: on a loaded machine the row may say so a moment later.
      await expect
        .poll(() => prisma.outboxMessage.findFirstOrThrow({ where: { recipient: "ivan@example.com" } }), { timeout: 10_000, interval: 100 })
        .toMatchObject({ status: "SENT", attempts: 3 });

      // Olga's third refusal was the last attempt: on the dead-letter list, seen by staff through either gateway.
      await expect
        .poll(async () => (await asStaff(second.url, staffKey, FAILED_NOTICES)).data?.outbox, { timeout: 40_000, interval: 500 })
        .toMatchObject({
          edges: [{ node: { recipient: "olga@example.com", attempts: 3, status: "FAILED", lastError: expect.any(String) } }],
        });
      expect(smtp.attempts.get("olga@example.com")).toBe(3);
      const failed = (await asStaff(second.url, staffKey, FAILED_NOTICES)).data?.outbox as { edges: { node: { id: string } }[] };
      const olgaId = failed.edges[0]?.node.id;

      // The relay recovers; staff retry through the other gateway and the notice goes out, once.
      refusals.set("olga@example.com", 0);
      const retried = await asStaff(first.url, staffKey, "mutation ($id: ID!) { retryNotice(id: $id) { status attempts } }", {
        id: olgaId,
      });
      expect(retried.data?.retryNotice).toEqual({ status: "PENDING", attempts: 0 });
      await expect
        .poll(() => smtp.delivered.toSorted(), { timeout: 30_000, interval: 250 })
        .toEqual(["ivan@example.com", "olga@example.com"]);
      await expect.poll(() => prisma.outboxMessage.count({ where: { status: "SENT" } }), { timeout: 10_000 }).toBe(2);

      // A notice that is not dead-lettered cannot be retried.
      const again = await asStaff(first.url, staffKey, "mutation ($id: ID!) { retryNotice(id: $id) { status } }", { id: olgaId });
      expect(again.errors?.[0]?.extensions?.code).toBe("NOTICE_NOT_FAILED");

      // Two gateways ran the queue; every message went out exactly once.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(smtp.delivered.toSorted()).toEqual(["ivan@example.com", "olga@example.com"]);
      for (const gateway of gateways) expect((await gateway.stop()).code).toBe(0);
    } finally {
      for (const gateway of gateways) await gateway.stop();
      await smtp.close();
    }
  }, 180_000);
});
