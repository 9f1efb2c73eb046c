// Issue 25, finding 8: NODE_ENV=prod (a typo) ran as development, without production's TLS, pepper and introspection
// guards, and a misspelt CUSTOS_ variable was ignored without a word. Both now stop the gateway and the commands at
// start, with one line naming the variable, before anything is opened.
import { describe, expect, it } from "vitest";
import { runSource } from "../gateway-process.ts";
import { TEST_KEY_PEPPER } from "../harness.ts";

/** An embedded gateway on a free port, with everything it needs but the setting under test. */
const run = (file: string, args: string[], env: Record<string, string>) =>
  runSource(file, args, { CUSTOS_DATA_DIR: "memory://", CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER, PORT: "0", ...env }, 45_000);

describe("issue 25: settings the gateway does not know", () => {
  it("NODE_ENV=prod stops the gateway with one line naming NODE_ENV, instead of running as development", async () => {
    const started = await run("main.ts", [], { NODE_ENV: "prod" });
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe('NODE_ENV must be one of development, production, test, or unset, not "prod".');
    expect(started.stdout).not.toContain("GraphQL:");
  }, 100_000);

  it("a misspelt CUSTOS_ variable stops the gateway and the commands with one line naming it", async () => {
    const started = await run("main.ts", [], { CUSTOS_RATE_LIMIT_STAF: "5" });
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe("CUSTOS_RATE_LIMIT_STAF is not a Custos setting; did you mean CUSTOS_RATE_LIMIT_STAFF?");
    expect(started.stdout).not.toContain("GraphQL:");
    const listed = await run("app/cli/keys.ts", ["list"], { CUSTOS_KEY_PEPER: TEST_KEY_PEPPER });
    expect(listed.code).toBe(1);
    expect(listed.stderr.trim()).toBe("CUSTOS_KEY_PEPER is not a Custos setting; did you mean CUSTOS_KEY_PEPPER?");
  }, 100_000);
});
