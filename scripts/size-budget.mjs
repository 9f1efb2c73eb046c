// Size budgets of browser bundles: `node scripts/size-budget.mjs` in a package with a size-budget.json. Each entry is
// bundled as an app would bundle it (esbuild, minified, for browsers, through the package's exports map), gzipped at
// level 9, printed, and checked against its budget; the script fails when one is over.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const packageDir = process.cwd();
const require = createRequire(join(packageDir, "package.json"));
const { build } = require("esbuild");
/** @type {{ name: string, code: string, maxGzipBytes?: number }[]} */
const budgets = JSON.parse(readFileSync(join(packageDir, "size-budget.json"), "utf8"));

let over = 0;
for (const { name, code, maxGzipBytes } of budgets) {
  const result = await build({
    stdin: { contents: code, resolveDir: packageDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const bytes = result.outputFiles[0].contents;
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const fits = maxGzipBytes === undefined || gzipped <= maxGzipBytes;
  if (!fits) over++;
  const budget = maxGzipBytes === undefined ? "no budget" : `budget ${(maxGzipBytes / 1000).toFixed(2)} kB`;
  console.log(
    `${fits ? "ok  " : "OVER"} ${name}: ${(gzipped / 1000).toFixed(2)} kB gzipped (${(bytes.length / 1000).toFixed(2)} kB minified; ${budget})`,
  );
}
if (over > 0) {
  console.error(`size-budget: ${over} bundle(s) over budget`);
  process.exit(1);
}
