// `pnpm storefront`: the gateway (on the embedded database only) and the demo shop beside it, in one command.
// The shop's backend has a session key pair and a publishable key for its origin in the gateway's database
// (demo-keys.ts); the gateway is a child process, stopped with the shop (Ctrl+C).
// `npm start` passes --beside-gateway: it registered the keys (register-keys.ts), started the built gateway and built
// the shop itself, so this only serves the shop.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchCatalogues, startDemoBackend } from "../server/demo-backend.ts";
import { demoKeys, HOST, shopUrl } from "./demo-keys.ts";

const SHOP_PORT = Number(new URL(shopUrl).port);
const GATEWAY_PORT = Number(process.env.PORT ?? 4000);
const gatewayBase = `http://${HOST}:${GATEWAY_PORT}`;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GATEWAY_DIR = fileURLToPath(new URL("../../gateway/", import.meta.url));
const besideGateway = process.argv.includes("--beside-gateway");

// The demo registers its own session key for the tenant, in place of the key the tenant's real storefront backend signs
// with: only on the embedded database, which is the demo's own, never on a configured PostgreSQL.
if (process.env.DATABASE_URL?.trim()) {
  console.error("storefront: the demo would replace the tenant's session key; it runs on the embedded database only (unset DATABASE_URL).");
  process.exit(1);
}

const { signer, publishableKey } = await demoKeys();

/** The gateway's own start (`tsx src/main.ts`), run by tsx directly: tsx passes SIGTERM on to the gateway, which shuts
 * down cleanly, where a pnpm in between would leave it running. Its exit ends this process. */
function startGateway(): () => void {
  const gateway = spawn(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "src/main.ts"], {
    cwd: GATEWAY_DIR,
    stdio: "inherit",
    env: { ...process.env, PORT: String(GATEWAY_PORT) },
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    if (gateway.exitCode === null) gateway.kill("SIGTERM");
  };
  process.on("exit", stop);
  gateway.on("exit", (code, signal) => {
    if (stopping) process.exit(0);
    console.error(`storefront: the gateway stopped (exit ${code ?? signal}); stopping the shop.`);
    process.exit(code ?? 1);
  });
  return stop;
}
const stopGateway = besideGateway ? undefined : startGateway();

for (let attempt = 0; ; attempt++) {
  const healthy = await fetch(`${gatewayBase}/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (healthy) break;
  if (attempt > 120) throw new Error(`the gateway did not answer at ${gatewayBase}/health within a minute`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

if (!besideGateway) {
  const { build } = await import("vite");
  await build({ root: ROOT, logLevel: "warn" });
}
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
// Ctrl+C: the gateway shuts down, and its exit ends this process; beside `npm start`'s gateway, the shop stops alone.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopGateway) {
      void shop?.stop();
      stopGateway();
    } else void (shop?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}
