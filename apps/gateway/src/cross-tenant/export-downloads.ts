import type { PrismaClient } from "@custos/db";

/** The export link names a request, not a tenant: its holder is not authenticated (transport/http/export-route.ts). */
export function exportDownloads(prisma: PrismaClient) {
  return {
    find: (id: string) =>
      prisma.privacyRequest.findUnique({
        where: { id },
        select: { tenantId: true, subjectId: true, status: true, verifiedAt: true, exportPackage: true, exportExpiresAt: true },
      }),
    /** Every download is audited, in the request's tenant. */
    audit: async (request: { tenantId: string; subjectId: string | null }, requestId: string): Promise<void> => {
      await prisma.auditLogEntry.create({
        data: {
          tenantId: request.tenantId,
          actor: "export-link",
          operation: "downloadRequestExport",
          subjectId: request.subjectId,
          requestId,
        },
      });
    },
  };
}

export type ExportDownloads = ReturnType<typeof exportDownloads>;
