import type { MailTransport, OutgoingMessage } from "../src/outbox/transport.ts";

/** Keeps what it was asked to send, and refuses the next `failNext` messages: the outbox's transport in tests. */
export class RecordingTransport implements MailTransport {
  readonly sent: OutgoingMessage[] = [];
  failNext = 0;

  async send(message: OutgoingMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("transport refused the message");
    }
    this.sent.push(message);
  }
}
