import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
let root: string;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "pipe" });
const commit = (message: string) => {
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
};
/** The release check as CI runs it, in the test's repository. */
const check = () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", cli, "check", "--root", root, "--base", "main"], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
};
const changeset = (name: string, bump: string) =>
  write(`.changeset/${name}.md`, `---\n"@custos/sdk": ${bump}\n---\n\nWhat users notice.\n`);

describe("the release check in a repository like ours", () => {
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "custos-release-check-"));
    write("package.json", JSON.stringify({ name: "custos", private: true }));
    write("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - packages/*\n");
    write("packages/sdk/package.json", JSON.stringify({ name: "@custos/sdk", version: "1.0.0" }));
    write("packages/sdk/src/client.ts", "export const a = 1;\n");
    write("packages/db/package.json", JSON.stringify({ name: "@custos/db", version: "0.0.0", private: true }));
    write("packages/db/src/index.ts", "export const b = 1;\n");
    write("apps/gateway/package.json", JSON.stringify({ name: "@custos/gateway", version: "0.0.0", private: true }));
    write("apps/gateway/schema.graphql", "type Query {\n  a: Int\n}\n");
    write(".changeset/released-schema.graphql", "type Query {\n  a: Int\n}\n");
    write(".changeset/config.json", "{}\n");
    git("init", "-q", "-b", "main");
    commit("released");
    git("checkout", "-q", "-b", "feature");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("passes a branch that changed only private packages and tests", () => {
    write("packages/db/src/index.ts", "export const b = 2;\n");
    write("packages/sdk/src/client.test.ts", "it('x', () => {});\n");
    commit("private change");
    expect(check()).toMatchObject({ status: 0 });
  });

  it("fails a change to the SDK without a changeset, saying how to add one", () => {
    write("packages/sdk/src/client.ts", "export const a = 2;\n");
    commit("sdk change");
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain("@custos/sdk: packages/sdk/src/client.ts");
    expect(output).toContain("run `pnpm changeset`");
  });

  it("fails a change to the GraphQL contract alone without a changeset for the SDK that ships it", () => {
    write("apps/gateway/schema.graphql", "type Query {\n  a: Int\n  b: Int\n}\n");
    commit("contract change");
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain("@custos/sdk: apps/gateway/schema.graphql");
  });

  it("does not count a changeset that was already pending before the branch", () => {
    changeset("older", "minor");
    commit("an older changeset on main");
    git("branch", "-f", "main");
    write("packages/sdk/src/client.ts", "export const a = 2;\n");
    commit("sdk change");
    expect(check().status).toBe(1);
  });

  it("passes an addition to the contract with a changeset added on the branch", () => {
    write("apps/gateway/schema.graphql", "type Query {\n  a: Int\n  b: Int\n}\n");
    changeset("add-b", "minor");
    commit("contract addition");
    expect(check()).toMatchObject({ status: 0 });
  });

  it("fails a breaking contract change whose changeset is only minor (regression: breaking changes labelled minor)", () => {
    write("apps/gateway/schema.graphql", "type Query {\n  b: Int\n}\n");
    changeset("remove-a", "minor");
    commit("contract break");
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain("Field 'a' was removed from object type 'Query'");
  });
});
