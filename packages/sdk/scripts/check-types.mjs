// arethetypeswrong on the tarball as it would be published: every entry point resolves to types that match its
// JavaScript under node16 (CJS and ESM) and bundler resolution. The node10 profile is left out: subpath entry points
// need an exports map, which every Node.js the SDK supports (>=20) reads. schema.graphql is a file, not a module.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const destination = mkdtempSync(join(tmpdir(), "custos-sdk-pack-"));
try {
  // --ignore-scripts: prepack would build again (this runs inside the build); the dist just built is what is checked.
  const [{ filename }] = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { encoding: "utf8", env: npmEnv() }),
  );
  const checks = ["--profile", "node16", "--exclude-entrypoints", "schema.graphql", "--format", "table-flipped"];
  const cli = createRequire(import.meta.url).resolve("@arethetypeswrong/cli/package.json");
  execFileSync(process.execPath, [join(dirname(cli), "dist/index.js"), join(destination, filename), ...checks], { stdio: "inherit" });
} finally {
  rmSync(destination, { recursive: true, force: true });
}

/** The environment without pnpm's npm_config_* settings, which npm would warn about one by one. */
function npmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_config_")));
}
