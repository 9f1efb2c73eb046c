// Serves the built desk (dist/) and its config.json: the desk is static files, so any web server will do in production;
// this one is for `npm start` and the browser tests.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { DeskConfig } from "../src/auth.ts";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

export interface DeskServer {
  url: string;
  /** Set once the gateway and the provider are known (they are started after the desk, whose URL they need). */
  configure(config: DeskConfig): void;
  close(): Promise<void>;
}

export async function startDeskServer({ port = 0, host = "127.0.0.1" } = {}): Promise<DeskServer> {
  let config: DeskConfig | undefined;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://desk").pathname;
    if (path === "/config.json") {
      res.writeHead(config ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      return res.end(JSON.stringify(config ?? { error: "not configured yet" }));
    }
    const file = normalize(join(DIST, path === "/" ? "index.html" : path));
    if (!file.startsWith(DIST)) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    configure: (next) => {
      config = next;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
