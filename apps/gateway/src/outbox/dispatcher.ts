import type { PrismaClient } from "@custos/db";
import type { Logger } from "../logger.ts";
import { dispatchOutbox } from "./outbox-service.ts";
import type { MailTransport } from "./transport.ts";

export interface OutboxDispatcher {
  stop(): Promise<void>;
}

/**
 * Sends pending notices every `intervalMs` in the background of a gateway process. Several processes
 * may run one each: claims use SKIP LOCKED, so each notice goes out once.
 */
export function startOutboxDispatcher(prisma: PrismaClient, transport: MailTransport, log: Logger, intervalMs = 5000): OutboxDispatcher {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const result = await dispatchOutbox(prisma, transport);
      if (result.sent + result.failed + result.retrying > 0) log.info("outbox dispatched", { ...result });
    } catch (error) {
      log.error("outbox dispatch failed", { error: error instanceof Error ? error.name : typeof error });
    }
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
