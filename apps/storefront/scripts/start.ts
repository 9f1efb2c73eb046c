// `pnpm storefront`: the gateway (on the embedded database only) and the demo shop beside it, in one command.
// The shop's backend gets a fresh session key pair and a publishable key for its origin each start; the gateway is
// a child process, stopped with the shop (Ctrl+C).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { fetchCatalogues, startDemoBackend } from "../server/demo-backend.ts";
import { createSessionSigner } from "../server/session-signer.ts";

const HOST = "127.0.0.1";
const SHOP_PORT = Number(process.env.STOREFRONT_PORT ?? 5180);
const GATEWAY_PORT = Number(process.env.PORT ?? 4000);
const shopUrl = `http://${HOST}:${SHOP_PORT}`;
const gatewayBase = `http://${HOST}:${GATEWAY_PORT}`;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GATEWAY_DIR = fileURLToPath(new URL("../../gateway/", import.meta.url));

/** `pnpm keys …` on the gateway's database, before the gateway holds it. */
function keys(...args: string[]): string {
  return execFileSync("pnpm", ["--filter", "@custos/gateway", "--silent", "exec", "tsx", "src/app/cli/keys.ts", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

// The demo registers its own session key for the tenant, in place of the key the tenant's real storefront backend signs
// with: only on the embedded database, which is the demo's own, never on a configured PostgreSQL.
if (process.env.DATABASE_URL?.trim()) {
  console.error("storefront: the demo would replace the tenant's session key; it runs on the embedded database only (unset DATABASE_URL).");
  process.exit(1);
}

const signer = await createSessionSigner(`${shopUrl}/demo-session`);
const folder = mkdtempSync(join(tmpdir(), "custos-storefront-"));
try {
  const jwkFile = join(folder, "session-public.jwk.json");
  writeFileSync(jwkFile, JSON.stringify(signer.publicJwk));
  keys("session-key", "--issuer", signer.issuer, "--jwk", jwkFile);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const publishableKey =
  keys("create", "--kind", "PUBLISHABLE", "--name", "demo storefront", "--origin", shopUrl).trim().split("\n").at(-1) ?? "";

// `npm start` passes --built-gateway: the gateway it built, run with plain node. Otherwise (`pnpm storefront`) the
// gateway's own start (`tsx src/main.ts`), run by tsx directly: tsx passes SIGTERM on to the gateway, which shuts down
// cleanly, where a pnpm in between would leave it running.
const gatewayArgs = process.argv.includes("--built-gateway")
  ? ["--enable-source-maps", "dist/main.js"]
  : [createRequire(import.meta.url).resolve("tsx/cli"), "src/main.ts"];
const gateway = spawn(process.execPath, gatewayArgs, {
  cwd: GATEWAY_DIR,
  stdio: "inherit",
  env: { ...process.env, PORT: String(GATEWAY_PORT) },
});
let stopping = false;
const stopGateway = () => {
  stopping = true;
  if (gateway.exitCode === null) gateway.kill("SIGTERM");
};
process.on("exit", stopGateway);
gateway.on("exit", (code, signal) => {
  if (stopping) process.exit(0);
  console.error(`storefront: the gateway stopped (exit ${code ?? signal}); stopping the shop.`);
  process.exit(code ?? 1);
});

for (let attempt = 0; ; attempt++) {
  const healthy = await fetch(`${gatewayBase}/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) break;
  if (attempt > 120) throw new Error(`the gateway did not answer at ${gatewayBase}/health within a minute`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

await build({ root: ROOT, logLevel: "warn" });
const catalogues = await fetchCatalogues(`${gatewayBase}/graphql`);
// A shop that cannot start (its port taken) leaves the gateway running: say so, and how to choose another port.
const shop = await startDemoBackend({
  staticDir: join(ROOT, "dist"),
  host: HOST,
  port: SHOP_PORT,
  config: () => ({ gatewayUrl: `${gatewayBase}/graphql`, publishableKey, jurisdiction: "RU", catalogues }),
  signSession: (customerId) => signer.sign(customerId),
}).catch((error: unknown) => {
  console.error(`storefront: the demo shop did not start (${(error as Error).message}); set STOREFRONT_PORT to another port.`);
  return undefined;
});
if (shop) console.log(`\nThe demo shop is at ${shop.url} (gateway at ${gatewayBase}/graphql). Ctrl+C stops both.\n`);
// Ctrl+C: the gateway shuts down, and its exit ends this process.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void shop?.stop();
    stopGateway();
  });
}
