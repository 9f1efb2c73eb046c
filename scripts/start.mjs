// `npm start`: installs what is missing, generates the Prisma client and builds the gateway where their inputs changed
// (turbo's cache decides), then runs the built gateway with plain node, as `pnpm start:prod` does: loading TypeScript
// source through tsx's loader costs seconds at every start. On the embedded database the demo shop starts beside it
// (apps/storefront/scripts/start.ts, which runs that same built gateway) and prints its URL.
// This process owns each step's child: SIGTERM or SIGINT to it reaches the child, and it exits when the child does,
// so stopping `npm start` never leaves a gateway behind still answering. Uses only Node's own modules: it runs
// before anything is installed.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
let child;
let stopping;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopping = signal;
    child?.kill(signal);
  });
}

/** Runs one step to its end; its exit code, or 128 + the signal's number, as a shell reports it. */
function run(command, args, cwd = root) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd, stdio: "inherit" });
    child.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

async function step(command, args, cwd) {
  const code = await run(command, args, cwd);
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
// turbo itself, not through `pnpm exec`: starting pnpm costs half a second. The build depends on the generate tasks.
const shopBuild = withShop ? ["--filter=@custos/sdk", "--filter=@custos/consent-ui"] : [];
await step("node_modules/.bin/turbo", ["run", "build", "--filter=@custos/gateway", ...shopBuild, "--output-logs=errors-only"]);
if (withShop) {
  // The shop's start script runs the built gateway as its own child, and stops it with itself.
  const tsx = `${root}apps/storefront/node_modules/.bin/tsx`;
  process.exit(await run(tsx, ["scripts/start.ts", "--built-gateway"], `${root}apps/storefront`));
}
// node itself, not a script runner: one process, the gateway, is this one's child.
process.exit(await run(process.execPath, ["--enable-source-maps", "dist/main.js"], `${root}apps/gateway`));
