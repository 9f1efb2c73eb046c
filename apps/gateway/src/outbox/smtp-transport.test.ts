import type { AddressInfo } from "node:net";
import { scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { startInProcessRunner } from "../app/jobs/in-process-runner.ts";
import { silentLogger } from "../ground/logger.ts";
import { enqueueNotices, NOTICE_MAX_ATTEMPTS } from "./outbox-service.ts";
import { smtpTransport } from "./smtp-transport.ts";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtpServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("notices over SMTP", () => {
  it("the embedded database's job runner hands each queued notice to a real SMTP server once, as text and HTML", async () => {
    await using database = await createMigratedTestDatabase("pglite");
    const { prisma } = database;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    await enqueueNotices(scopeToTenant(prisma, tenant.id), tenant.id, [
      {
        template: "request.acknowledgement",
        recipient: "ivan@example.com",
        payload: { requestType: "ACCESS", dueAt: "2026-12-24", noticeLanguage: "en" },
      },
      {
        template: "policy.material_change",
        recipient: "olga@example.com",
        payload: { version: "2026-12", url: "https://shop.example/privacy" },
      },
    ]);
    const smtp = await startSmtpServer();
    const dispatcher = await startInProcessRunner({
      prisma,
      transport: smtpTransport(smtp.url, "privacy@shop.example", { publicUrl: "https://privacy.shop.example" }),
      log: silentLogger,
      noticeMaxAttempts: NOTICE_MAX_ATTEMPTS,
    });
    try {
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(2);
      await expect.poll(() => prisma.outboxMessage.count({ where: { status: "SENT" } }), { timeout: 10_000 }).toBe(2);
    } finally {
      await dispatcher.stop();
      await smtp.close();
    }
    const ivan = smtp.received.find((message) => message.to.includes("ivan@example.com"));
    expect(ivan?.from).toBe("privacy@shop.example");
    expect(ivan?.raw).toContain("Subject: We have received your privacy request");
    expect(ivan?.raw).toContain("for access to your data");
    expect(ivan?.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(ivan?.raw).toMatch(/Content-Type: text\/plain/);
    expect(ivan?.raw).toMatch(/Content-Type: text\/html/);
    expect(ivan?.raw).toContain("will answer by 24 December 2026.");
    expect(smtp.received).toHaveLength(2);
  });
});
