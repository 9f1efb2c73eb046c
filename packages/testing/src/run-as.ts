import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The OS identity the server programs run under; `undefined` means the current user. */
export type RunAs = { readonly uid: number; readonly gid: number } | undefined;

/** initdb and postgres refuse to run as root, so as root they run as the `postgres` OS user. */
export async function postgresRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([idOfPostgresUser("-u"), idOfPostgresUser("-g")]);
    return { uid, gid };
  } catch {
    throw new Error(
      "Running as root, but there is no `postgres` OS user to run initdb and postgres as " +
        "(PostgreSQL refuses to run as root). Create that user (Debian's postgresql package does; " +
        "see scripts/ensure-postgres.sh) or run the tests as a non-root user.",
    );
  }
}

async function idOfPostgresUser(flag: "-u" | "-g"): Promise<number> {
  const { stdout } = await execFileAsync("id", [flag, "postgres"]);
  return Number.parseInt(stdout, 10);
}

/** Runs a program to completion, failing with its output (stderr, else stdout) when it fails. */
export async function runProgram(program: string, args: string[], cwd: string, runAs: RunAs): Promise<void> {
  try {
    await execFileAsync(program, args, { cwd, ...runAs });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    const output = stderr?.trim() || stdout?.trim() || String(error);
    throw new Error(`${[program, ...args].join(" ")} failed:\n${output}`);
  }
}
