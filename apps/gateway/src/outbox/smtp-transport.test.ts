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

/** One MIME part's body, decoded from its transfer encoding (quoted-printable or base64) as UTF-8. */
function decodedPart(raw: string, type: string): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  if (start < 0) return "";
  const headerEnd = raw.indexOf("\r\n\r\n", start);
  const headers = raw.slice(start, headerEnd);
  const body = raw.slice(headerEnd + 4, raw.indexOf("\r\n--", headerEnd));
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, "base64").toString("utf8");
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body;
  const unfolded = body.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < unfolded.length; index++) {
    const hex = unfolded.slice(index + 1, index + 3);
    if (unfolded[index] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else bytes.push(unfolded.charCodeAt(index));
  }
  return Buffer.from(bytes).toString("utf8").replace(/\r\n/g, "\n");
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
        payload: {
          version: "2026-12",
          url: "https://shop.example/privacy",
          effectiveAt: "2027-01-01T00:00:00.000Z",
          timeZone: "Europe/Moscow",
        },
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
    // The Russian notice as a mail client decodes it: both parts, the date in words, the link a link.
    const olga = smtp.received.find((message) => message.to.includes("olga@example.com"));
    expect(decodedPart(olga?.raw ?? "", "text/plain")).toContain(
      "Новая редакция 2026-12 действует с 1 января 2027 г.\nПрочитать: https://shop.example/privacy",
    );
    expect(decodedPart(olga?.raw ?? "", "text/html")).toContain(
      '<p>Прочитать: <a href="https://shop.example/privacy">https://shop.example/privacy</a></p>',
    );
    expect(smtp.received).toHaveLength(2);
  });
});
