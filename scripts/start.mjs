// `npm start`: installs what is missing, generates the Prisma client and builds what changed (turbo's cache decides),
// then runs the built gateway with plain node, as `pnpm start:prod` does (loading TypeScript source through tsx's
// loader costs seconds at every start), and beside it the privacy desk with a local OpenID provider for its demo staff
// (apps/privacy-desk/scripts/start.ts) and, on the embedded database, the demo shop (apps/storefront/scripts/start.ts).
// The gateway comes first: it is built and started on its own, while the desk and the shop build at a lower priority
// beside it (the SDK's build and checks take half a minute) and start once built. One progress line per step.
// This process owns its children: SIGTERM or SIGINT to it reaches them, and it exits when the gateway, the desk or the
// shop does, so stopping `npm start` never leaves a gateway behind still answering. Uses only Node's own modules: it
// runs before anything is installed.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const children = new Set();
let stopping = false;

const say = (line) => console.log(`custos: ${line}`);
const seconds = () => `${(performance.now() / 1000).toFixed(1)} s`;

/**
 * Starts a child this process owns; resolves with its exit code, or 128 + the signal's number, as a shell reports it.
 * A quiet child's output is kept and shown only if it fails (turbo's summary of a build that worked is noise here).
 */
function start(command, args, { cwd = root, env = process.env, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["inherit", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"] });
    const output = [];
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => output.push(chunk));
    children.add(child);
    child.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => {
      children.delete(child);
      const status = code ?? 128 + (constants.signals[signal] ?? 0);
      if (status !== 0 && !stopping) process.stderr.write(Buffer.concat(output));
      resolve(status);
    });
  });
}

/** Stops every child, waits for them, and exits with the code given. */
async function stopAll(code) {
  stopping = true;
  const running = [...children].map((child) => new Promise((resolve) => child.once("close", resolve)));
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(running);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stopAll(128 + constants.signals[signal]));

async function step(command, args, options) {
  const code = await start(command, args, options);
  if (code !== 0 || stopping) await stopAll(code);
}

/** A long-running part of the demo: when it stops, everything stops (the desk without its gateway is no demo). */
function serve(command, args, options) {
  void start(command, args, options).then((code) => stopping || stopAll(code));
}

// The demo shop comes up beside the gateway on a developer's own embedded database (it registers its keys there); not
// on PostgreSQL, an in-memory database (the keys would be written to another one) or in production, nor with
// STOREFRONT=off.
const dataDir = process.env.CUSTOS_DATA_DIR?.trim() || ".custos/pglite";
const embedded = !process.env.DATABASE_URL?.trim();
const withShop = embedded && dataDir !== "memory://" && process.env.NODE_ENV !== "production" && process.env.STOREFRONT !== "off";

await step("bash", ["scripts/bootstrap.sh"]);
// turbo itself, not through `pnpm exec`: starting pnpm costs half a second.
const turbo = "node_modules/.bin/turbo";
say("building the gateway…");
// Prisma's client first: the gateway's build and the shop's keys (the keys CLI runs from source) both need it, and then
// run at once. A cache hit leaves outputs that are already in place untouched, so the client is not rewritten under
// the keys CLI by the build's generate task, nor the gateway's bundle under the gateway by the rest's build below.
await step(turbo, ["run", "generate", "--filter=@custos/db", "--output-logs=errors-only"], { quiet: true });
const gatewayBuilt = start(turbo, ["run", "build", "--filter=@custos/gateway", "--output-logs=errors-only"], { quiet: true });

// TypeScript scripts run in node with tsx's loader (each package has tsx): tsx's CLI would start a second node.
const tsx = ["--import", "tsx"];
// The shop's keys, or else the gateway, make it: a copy of the template, made first if there is none.
if (embedded && !dataDir.includes("://") && !existsSync(path.resolve(root, dataDir))) {
  say("making the embedded database (first start only)…");
}
if (withShop) {
  say("registering the demo shop's keys…");
  await step(process.execPath, [...tsx, "scripts/register-keys.ts"], { cwd: `${root}apps/storefront` });
}
const gatewayCode = await gatewayBuilt;
if (gatewayCode !== 0 || stopping) await stopAll(gatewayCode);

// The rest builds beside the gateway's start, after the gateway's build (it would run that build again at once),
// niced so that the gateway gets the processor first.
const rest = ["@custos/privacy-desk", ...(withShop ? ["@custos/storefront"] : [])];
say(`building the privacy desk${withShop ? " and the demo shop" : ""} beside it…`);
const restArgs = ["run", "build", ...rest.map((name) => `--filter=${name}`), "--output-logs=errors-only"];
const restBuilt =
  process.platform === "win32" ? start(turbo, restArgs, { quiet: true }) : start("nice", ["-n", "10", turbo, ...restArgs], { quiet: true });

// The demo's addresses; the gateway is told to trust the local provider's tokens and the desk's origin.
const host = "127.0.0.1";
const gatewayPort = process.env.PORT ?? "4000";
const deskPort = process.env.DESK_PORT ?? "4020";
const oidcPort = process.env.OIDC_PORT ?? "4010";
const issuer = `http://${host}:${oidcPort}`;
const gatewayUrl = `http://${host}:${gatewayPort}`;
say("starting the gateway…");
serve(process.execPath, ["--enable-source-maps", "dist/main.js"], {
  cwd: `${root}apps/gateway`,
  env: {
    ...process.env,
    PORT: gatewayPort,
    CUSTOS_OIDC_ISSUER: issuer,
    CUSTOS_OIDC_AUDIENCE: "urn:custos:gateway",
    CUSTOS_OIDC_JWKS_URL: `${issuer}/jwks`,
    CUSTOS_DESK_ORIGINS: `http://${host}:${deskPort}`,
  },
});
// Over TLS the gateway answers on https with a certificate this process need not trust: no line then.
if (!process.env.CUSTOS_TLS_CERT) {
  const answering = () =>
    fetch(`${gatewayUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
  while (!stopping && !(await answering())) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!stopping) say(`gateway answering at ${gatewayUrl}/graphql (${seconds()})`);
}

const built = await restBuilt;
if (built !== 0 || stopping) await stopAll(built);
say(`starting the privacy desk${withShop ? " and the demo shop" : ""}…`);
serve(process.execPath, [...tsx, "scripts/start.ts"], {
  cwd: `${root}apps/privacy-desk`,
  env: { ...process.env, DESK_PORT: deskPort, OIDC_PORT: oidcPort, GATEWAY_URL: `${gatewayUrl}/graphql` },
});
// Not `serve`: a shop that cannot start (its port taken) says so and leaves the gateway and the desk running.
if (withShop) void start(process.execPath, [...tsx, "scripts/start.ts", "--beside-gateway"], { cwd: `${root}apps/storefront` });
