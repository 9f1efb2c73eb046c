// Runs before every `pnpm pack` and `pnpm publish` (so before `changeset publish`): a tarball is never made from a
// missing or stale build. turbo builds the SDK first and is a cache hit when the build is fresh.
import { execFileSync } from "node:child_process";

// npm neither replaces `catalog:` and `workspace:` versions nor runs the workspace's beforePacking hook.
if (!process.env.npm_config_user_agent?.startsWith("pnpm/")) {
  console.error("prepack: pack and publish @custos/consent-ui with pnpm (`pnpm release`, see RELEASING.md), not npm.");
  process.exit(1);
}

execFileSync("turbo", ["run", "build", "--filter=@custos/consent-ui", "--output-logs=errors-only"], { stdio: "inherit" });
