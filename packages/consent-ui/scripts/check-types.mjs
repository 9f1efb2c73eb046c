// arethetypeswrong on the tarball as it would be published: the entry point resolves to types that match its JavaScript
// under node16 ESM and bundler resolution (esm-only profile: the package ships ESM only, for browsers' bundlers).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const destination = mkdtempSync(join(tmpdir(), "custos-consent-ui-pack-"));
try {
  // --ignore-scripts: prepack would build again (this runs inside the build); the dist just built is what is checked.
  const [{ filename }] = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { encoding: "utf8", env: npmEnv() }),
  );
  const cli = createRequire(import.meta.url).resolve("@arethetypeswrong/cli/package.json");
  execFileSync(
    process.execPath,
    [join(dirname(cli), "dist/index.js"), join(destination, filename), "--profile", "esm-only", "--format", "table-flipped"],
    {
      stdio: "inherit",
    },
  );
} finally {
  rmSync(destination, { recursive: true, force: true });
}

/** The environment without pnpm's npm_config_* settings, which npm would warn about one by one. */
function npmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_config_")));
}
