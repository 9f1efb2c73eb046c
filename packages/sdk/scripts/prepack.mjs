// Runs before every `pnpm pack` and `pnpm publish` (so before `changeset publish`): a tarball is never
// made from a missing or stale build. turbo builds what the SDK needs first (the gateway's generated
// types, codegen) and is a cache hit when the build is fresh.
import { execFileSync } from "node:child_process";

execFileSync("turbo", ["run", "build", "--filter=@custos/sdk", "--output-logs=errors-only"], { stdio: "inherit" });
