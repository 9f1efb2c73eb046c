import type { OutboxStatus, PrismaClient } from "@custos/db";

/** What the metrics' database gauges read at each scrape, in all tenants (transport/http/metrics.ts). */
export interface DatabaseGauges {
  /** Notices not yet sent, counted by status. */
  unsentNotices(): Promise<{ status: OutboxStatus; count: number }[]>;
  /** When the oldest notice neither sent nor dead-lettered was queued; null when none waits. */
  oldestUnsentNoticeAt(): Promise<Date | null>;
  /** Open data-subject requests past their deadline. */
  overdueRequests(): Promise<number>;
}

export function databaseGauges(prisma: PrismaClient): DatabaseGauges {
  return {
    async unsentNotices() {
      const groups = await prisma.outboxMessage.groupBy({ by: ["status"], where: { status: { not: "SENT" } }, _count: true });
      return groups.map(({ status, _count }) => ({ status, count: _count }));
    },
    async oldestUnsentNoticeAt() {
      const oldest = await prisma.outboxMessage.findFirst({
        where: { status: { in: ["PENDING", "QUEUED"] } },
        orderBy: { createdAt: "asc" },
      });
      return oldest?.createdAt ?? null;
    },
    overdueRequests: () => prisma.privacyRequest.count({ where: { closedAt: null, dueAt: { lt: new Date() } } }),
  };
}
