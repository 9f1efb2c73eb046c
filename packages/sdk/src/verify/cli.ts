#!/usr/bin/env node
// The `custos-verify` command (verify/command.ts), as the package's bin.
import { main } from "./command.ts";

process.exitCode = await main(process.argv.slice(2));
