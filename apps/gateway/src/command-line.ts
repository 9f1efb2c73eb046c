// What `pnpm keys` and `pnpm retention` share: their arguments, --help, and a one-line message instead of a stack.
import { type ParseArgsConfig, parseArgs } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses the arguments; `--help` prints the usage and exits 0, a malformed command line prints it and exits 2. */
export function parseCommandLine<T extends Options>(usage: string, options: T) {
  try {
    const parsed = parseArgs({ allowPositionals: true, options: { ...options, help: { type: "boolean", short: "h" } } });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

/** Ends the command with the error's message only: what went wrong is for the user, the stack is not. */
export function exitWithMessage(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
