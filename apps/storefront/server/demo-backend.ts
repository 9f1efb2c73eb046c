// The demo shop's backend: serves the built pages, tells them where the gateway is and which publishable key to use,
// and "signs in" a shopper (a demo: any customer id, no password) by signing their session token.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { type Catalogue, type Language, loadCatalogue } from "@custos/consent-ui";
import { createStorefrontClient } from "@custos/sdk/storefront";

export interface StorefrontConfig {
  /** The gateway's GraphQL endpoint as the browser reaches it. */
  gatewayUrl: string;
  publishableKey: string;
  /** The law the shop's visitors choose under. */
  jurisdiction: string;
  /** The consent catalogue in each language, shipped with every page (see `fetchCatalogues`). */
  catalogues: Partial<Record<Language, Catalogue>>;
}

/**
 * The consent catalogue in each of the UI's languages, read from the gateway once when the shop starts: shipped with
 * the pages, it lets a first-time visitor say no while the gateway is unreachable.
 */
export async function fetchCatalogues(gatewayUrl: string): Promise<Partial<Record<Language, Catalogue>>> {
  const client = createStorefrontClient({ url: gatewayUrl });
  const languages: Language[] = ["ru", "en", "zh"];
  return Object.fromEntries(await Promise.all(languages.map(async (language) => [language, await loadCatalogue(client, language)])));
}

export interface DemoBackendOptions {
  /** The Vite build of the pages. */
  staticDir: string;
  port?: number;
  host?: string;
  /** Read per request, so a key issued after start (it needs the origin) is served. */
  config(): StorefrontConfig;
  signSession(customerId: string): Promise<string>;
}

export interface DemoBackend {
  url: string;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};
const CUSTOMER_ID = /^cust-[A-Za-z0-9_-]{1,40}$/;

export async function startDemoBackend(options: DemoBackendOptions): Promise<DemoBackend> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch(() => send(res, 500, { error: "internal error" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(options: DemoBackendOptions, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://shop");
  if (url.pathname === "/api/config") return send(res, 200, options.config());
  if (url.pathname === "/api/session" && req.method === "POST") {
    const { customerId } = JSON.parse(await readBody(req)) as { customerId?: unknown };
    if (typeof customerId !== "string" || !CUSTOMER_ID.test(customerId)) return send(res, 400, { error: "a customer id like cust-42" });
    return send(res, 200, { customerId, token: await options.signSession(customerId) });
  }
  const path = normalize(url.pathname === "/" ? "/index.html" : url.pathname);
  if (path.includes("..")) return send(res, 404, { error: "not found" });
  try {
    const body = await readFile(join(options.staticDir, path));
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    send(res, 404, { error: "not found" });
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error("body too large");
  }
  return text;
}
