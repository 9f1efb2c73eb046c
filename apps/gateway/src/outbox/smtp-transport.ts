import { createTransport } from "nodemailer";
import type { Logger } from "../ground/logger.ts";
import { type NoticeOptions, noticeText } from "./notice-text.ts";
import type { MailTransport, OutgoingMessage } from "./transport.ts";

/**
 * Sends notices through an SMTP relay named by URL (`smtp://user:pass@host:587`, `smtps://…`). The
 * outbox row id goes out as the Message-ID, so a retried send is recognisable as the same message. Each notice is
 * multipart/alternative: the plain text and the same sentences as escaped HTML.
 */
export function smtpTransport(url: string, from: string, options: NoticeOptions, log?: Logger): MailTransport {
  const transporter = createTransport(url);
  // The transport's own 'error' events (a pooled connection or OAuth2 refresh failing between sends) would end the
  // process unheard; a failed send is reported by sendMail itself and retried by the job queue.
  transporter.on("error", (error) => log?.warn("mail relay: connection error", { error: error.message }));
  return {
    async send(message: OutgoingMessage) {
      const { subject, text, html } = noticeText(message.template, message.payload, options);
      await transporter.sendMail({ from, to: message.recipient, subject, text, html, messageId: `<${message.id}@custos>` });
    },
  };
}
