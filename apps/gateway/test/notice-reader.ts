// Notices as the person reads them: delivered by the outbox's dispatch to the recording transport, then rendered by
// the same noticeText the SMTP transport sends (subject, plain text, HTML).
import { type NoticeText, noticeText } from "../src/outbox/notice-text.ts";
import type { TestGateway } from "./harness.ts";

export const NOTICE_PUBLIC_URL = "https://privacy.shop.example";

/** Delivers what is queued, then the last notice of this template that went to this address, as it was worded. */
export async function readNotice(gateway: TestGateway, recipient: string, template: string): Promise<NoticeText> {
  await gateway.deliverMail();
  const sent = gateway.mail.sent.filter((message) => message.recipient === recipient && message.template === template).at(-1);
  if (!sent) throw new Error(`no ${template} notice was sent to ${recipient}`);
  return noticeText(sent.template, sent.payload, { publicUrl: NOTICE_PUBLIC_URL });
}
