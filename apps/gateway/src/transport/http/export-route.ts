import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ExportDownloads } from "../../cross-tenant/export-downloads.ts";
import { parseStoredJson } from "../../ground/stored-json.ts";
import { EXPORT_ROUTE_PREFIX, ExportPackageSchema } from "../../requests/fulfilment/export-package.ts";
import { readRequestToken } from "../../requests/intake/request-tokens.ts";
import { isUuid } from "../../requests/workflow/request-workflow.ts";
import type { SecretAttempts } from "../limits/secret-attempts.ts";
import { sendError } from "./graphql-handler.ts";

/**
 * GET /exports/requests/<id>?token=…: the access or portability package (manifest and files, one JSON document),
 * for the holder of the link e-mailed on completion. The token is signed for this purpose and this request only,
 * and expires; the request must have been verified; every download is audited. Wrong links count against the
 * address's refused credentials, past which it is answered 429 (limits/secret-attempts.ts).
 */
export function exportRoute(downloads: ExportDownloads, attempts: SecretAttempts) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, keyPepper: string) => {
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    if (req.method !== "GET") return sendError(res, 405, "METHOD_NOT_ALLOWED", "Use GET.");
    const address = await attempts.admit(req, res);
    if (address === undefined) return;
    const id = url.pathname.slice(EXPORT_ROUTE_PREFIX.length);
    const tokenId = readRequestToken(keyPepper, "request-export", url.searchParams.get("token") ?? "");
    const refuse = () => sendError(res, 404, "NOT_FOUND", "This download link is unknown or has expired.");
    if (!isUuid(id) || tokenId !== id) {
      await attempts.wrong(address);
      return refuse();
    }
    const request = await downloads.find(id);
    if (!request?.exportPackage || !request.verifiedAt || !request.exportExpiresAt || request.exportExpiresAt < new Date()) return refuse();
    const exportPackage = parseStoredJson(ExportPackageSchema, request.exportPackage, "PrivacyRequest.exportPackage");
    await downloads.audit(request, requestId);
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="custos-export-${id}.json"`,
      "cache-control": "no-store",
    });
    res.end(JSON.stringify(exportPackage));
  };
}
