import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request target exactly as given (`//`, `http://%zz/`), which fetch would normalise first. Resolves with
 * the answer, or with status 0 when the connection ended without one.
 */
export function rawRequest(
  baseUrl: string,
  target: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<RawResponse>((resolve) => {
    const req = request({ host: hostname, port, path: target, method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", () => resolve({ status: 0, headers: {}, body: "" }));
    req.end(init.body);
  });
}
