/** One e-mail as the outbox hands it to a transport: the template names what to say, the payload fills it in. */
export interface OutgoingMessage {
  id: string;
  tenantId: string;
  template: string;
  recipient: string;
  payload: unknown;
}

/**
 * Sends e-mail. The outbox row is written in the same transaction as the change that causes it, and
 * a transport only ever sees committed rows, so a crash loses no notice and a retry sends it again
 * (at least once: a transport should pass `id` to its provider as the idempotency key).
 */
export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
}
