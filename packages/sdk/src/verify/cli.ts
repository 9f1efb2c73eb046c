#!/usr/bin/env node
// The `custos-verify` command (verify/command.ts), as the package's bin.
import { main } from "./command.ts";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`custos-verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
