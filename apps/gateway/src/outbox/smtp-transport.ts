import { createTransport } from "nodemailer";
import { type NoticeOptions, noticeText } from "./notice-text.ts";
import type { MailTransport, OutgoingMessage } from "./transport.ts";

/**
 * Sends notices through an SMTP relay named by URL (`smtp://user:pass@host:587`, `smtps://…`). The
 * outbox row id goes out as the Message-ID, so a retried send is recognisable as the same message.
 */
export function smtpTransport(url: string, from: string, options: NoticeOptions): MailTransport {
  const transporter = createTransport(url);
  return {
    async send(message: OutgoingMessage) {
      const { subject, text } = noticeText(message.template, message.payload, options);
      await transporter.sendMail({ from, to: message.recipient, subject, text, messageId: `<${message.id}@custos>` });
    },
  };
}
