// `npm start`: installs what is missing, generates the Prisma client and builds the gateway and the privacy desk where
// their inputs changed (turbo's cache decides), then runs the built gateway with plain node, as `pnpm start:prod`
// does (loading TypeScript source through tsx's loader costs seconds at every start), and beside it the desk with a
// local OpenID provider for its demo staff (apps/privacy-desk/scripts/start.ts). On the embedded database the demo
// shop starts too (apps/storefront/scripts/start.ts, which runs that same built gateway) and prints its URL.
// This process owns its children: SIGTERM or SIGINT to it reaches them, and it exits when the gateway does, so
// stopping `npm start` never leaves a gateway behind still answering. Uses only Node's own modules: it runs before
// anything is installed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const children = new Set();
let stopping;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = signal;
    for (const child of children) child.kill(signal);
  });
}

/** Starts a child this process owns; resolves with its exit code, or 128 + the signal's number, as a shell reports it. */
function start(command, args, { cwd = root, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" });
    children.add(child);
    child.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

async function step(command, args, cwd) {
  const code = await start(command, args, { cwd });
  if (code !== 0 || stopping) process.exit(code);
}

// The demo shop comes up beside the gateway on a developer's own embedded database (it registers its keys there); not
// on PostgreSQL, an in-memory database (the keys would be written to another one) or in production, nor with
// STOREFRONT=off.
const withShop =
  !process.env.DATABASE_URL?.trim() &&
  process.env.CUSTOS_DATA_DIR !== "memory://" &&
  process.env.NODE_ENV !== "production" &&
  process.env.STOREFRONT !== "off";

await step("bash", ["scripts/bootstrap.sh"]);
// turbo itself, not through `pnpm exec`: starting pnpm costs half a second. The builds depend on the generate tasks.
const shopBuild = withShop ? ["--filter=@custos/sdk", "--filter=@custos/consent-ui"] : [];
await step("node_modules/.bin/turbo", [
  "run",
  "build",
  "--filter=@custos/gateway",
  "--filter=@custos/privacy-desk",
  ...shopBuild,
  "--output-logs=errors-only",
]);

// The demo's addresses; the gateway is told to trust the local provider's tokens and the desk's origin.
const host = "127.0.0.1";
const gatewayPort = process.env.PORT ?? "4000";
const deskPort = process.env.DESK_PORT ?? "4020";
const oidcPort = process.env.OIDC_PORT ?? "4010";
const issuer = `http://${host}:${oidcPort}`;
const tsx = createRequire(`${root}apps/privacy-desk/package.json`).resolve("tsx/cli");
const desk = start(process.execPath, [tsx, "scripts/start.ts"], {
  cwd: `${root}apps/privacy-desk`,
  env: { ...process.env, DESK_PORT: deskPort, OIDC_PORT: oidcPort, GATEWAY_URL: `http://${host}:${gatewayPort}/graphql` },
});
const gatewayEnv = {
  ...process.env,
  CUSTOS_OIDC_ISSUER: issuer,
  CUSTOS_OIDC_AUDIENCE: "urn:custos:gateway",
  CUSTOS_OIDC_JWKS_URL: `${issuer}/jwks`,
  CUSTOS_DESK_ORIGINS: `http://${host}:${deskPort}`,
};
// The shop's start script runs the built gateway as its own child, and stops it with itself; otherwise node itself,
// not a script runner: the gateway is this process's own child.
const gateway = withShop
  ? start(process.execPath, [tsx, "scripts/start.ts", "--built-gateway"], { cwd: `${root}apps/storefront`, env: gatewayEnv })
  : start(process.execPath, ["--enable-source-maps", "dist/main.js"], { cwd: `${root}apps/gateway`, env: gatewayEnv });
// Whichever stops first stops the other: the desk without its gateway, or a gateway without its provider, is no demo.
const code = await Promise.race([gateway, desk]);
for (const child of children) child.kill("SIGTERM");
await Promise.all([gateway, desk]);
process.exit(code);
