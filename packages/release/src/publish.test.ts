// The real release flow end to end: version and publish the workspace (a copy of it) to a local
// registry, then install the SDK into a fresh project outside the workspace with npm and run a
// TypeScript ESM program and a CommonJS script against a running gateway, and the consent UI into a
// shop's project, type-checked as a bundler reads it. Then a snapshot the same way.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTRACT_FILE, RELEASED_CONTRACT_FILE, repositoryRoot } from "./paths.ts";
import { type LocalRegistry, startLocalRegistry } from "./testing/local-registry.ts";
import { run } from "./testing/run.ts";
import { copyWorkspace } from "./testing/workspace-copy.ts";

/** The release package's own tools (tsc, publint, attw), run as a partner or CI would run them. */
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const consumerFixtures = new URL("./consumer/", import.meta.url);
const RELEASE_TIMEOUT = 600_000;

let temp: string;
let workspace: string;
let registry: LocalRegistry;
let gateway: TestGateway;

const sdkManifest = () => JSON.parse(readFileSync(path.join(workspace, "packages/sdk/package.json"), "utf8"));
const inWorkspace = (script: string) => run("pnpm", ["run", script], { cwd: workspace, env: registry.env });
const registryDocument = async () => (await (await fetch(`${registry.url}@custos%2fsdk`)).json()) as RegistryDocument;

interface RegistryDocument {
  "dist-tags": Record<string, string>;
  versions: Record<string, Record<string, unknown> & { dist: { tarball: string } }>;
}

/** A project of a partner's, outside the workspace, that installs the SDK from the registry with npm. */
async function freshConsumer(name: string, spec: string) {
  const dir = path.join(temp, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `partner-${name}`, private: true, type: "module" }));
  for (const file of ["main.ts", "main.cjs", "tsconfig.json"]) copyFileSync(new URL(file, consumerFixtures), path.join(dir, file));
  await run("npm", ["install", spec, "--no-audit", "--no-fund", "--prefer-online"], { cwd: dir, env: registry.env });
  return dir;
}

async function unpackTarball(version: string): Promise<string> {
  const document = await registryDocument();
  const tarball = path.join(temp, `sdk-${version}.tgz`);
  writeFileSync(tarball, Buffer.from(await (await fetch(document.versions[version]?.dist.tarball ?? "")).arrayBuffer()));
  const dir = path.join(temp, `unpacked-${version}`);
  mkdirSync(dir);
  await run("tar", ["-xzf", tarball, "-C", dir], { cwd: temp });
  return tarball;
}

describe("a release, published to a local registry and installed by a partner", () => {
  beforeAll(async () => {
    temp = mkdtempSync(path.join(tmpdir(), "custos-release-"));
    [workspace, registry, gateway] = await Promise.all([
      copyWorkspace(repositoryRoot, path.join(temp, "workspace")),
      startLocalRegistry(temp),
      startTestGateway("pglite"),
    ]);
  }, RELEASE_TIMEOUT);
  afterAll(async () => {
    await Promise.allSettled([registry?.close(), gateway?.[Symbol.asyncDispose]()]);
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it(
    "`pnpm version-packages` then `pnpm release` publish a clean package that an ESM TypeScript app and a CommonJS script use",
    async () => {
      const pending = readdirSync(path.join(workspace, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
      expect(pending.length).toBeGreaterThan(0);
      await inWorkspace("version-packages");
      const { version } = sdkManifest();
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(readdirSync(path.join(workspace, ".changeset")).filter((file) => pending.includes(file))).toEqual([]);
      expect(readFileSync(path.join(workspace, RELEASED_CONTRACT_FILE), "utf8")).toBe(
        readFileSync(path.join(workspace, CONTRACT_FILE), "utf8"),
      );

      await inWorkspace("release");
      const document = await registryDocument();
      expect(document["dist-tags"].latest).toBe(version);

      // What a consumer gets: no workspace protocols or private packages, the metadata, the changelog.
      const published: Record<string, unknown> = document.versions[version] ?? {};
      expect(JSON.stringify(published)).not.toMatch(/workspace:|catalog:|@custos\/(db|gateway|testing|release)/);
      expect(published).toMatchObject({ license: "MIT", repository: { directory: "packages/sdk" } });
      expect(published.devDependencies).toBeUndefined();
      const tarball = await unpackTarball(version);
      const unpacked = path.join(temp, `unpacked-${version}`, "package");
      for (const file of [
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "dist/index.js",
        "dist/index.cjs",
        "dist/index.d.ts",
        "dist/index.d.cts",
        "dist/schema.graphql",
      ]) {
        expect(existsSync(path.join(unpacked, file)), file).toBe(true);
      }
      expect(readFileSync(path.join(unpacked, "CHANGELOG.md"), "utf8")).toContain("**Migration:**");
      await run(bin("publint"), ["--strict", tarball], { cwd: temp });
      // node16 and bundler resolution, as the SDK's own build checks: node10 cannot see subpath entry points at all.
      await run(bin("attw"), [tarball, "--profile", "node16", "--exclude-entrypoints", "./schema.graphql"], { cwd: temp });

      const consumer = await freshConsumer("stable", `@custos/sdk@${version}`);
      await run(bin("tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
      const esm = JSON.parse(await run(process.execPath, ["out/main.js", gateway.graphqlUrl], { cwd: consumer }));
      expect(esm.purposes).toContain("marketing");
      expect(esm.refusal).toBe("UNAUTHENTICATED");
      const cjs = JSON.parse(await run(process.execPath, ["main.cjs", gateway.graphqlUrl], { cwd: consumer }));
      expect(cjs).toEqual({ version, purposes: esm.purposes.length, schemaHasQuery: true });

      // The consent UI, released beside it: clean, checked as published, installed by a frontend team with npm.
      const ui = JSON.parse(readFileSync(path.join(workspace, "packages/consent-ui/package.json"), "utf8")).version as string;
      const uiDocument = (await (await fetch(`${registry.url}@custos%2fconsent-ui`)).json()) as RegistryDocument;
      expect(uiDocument["dist-tags"].latest).toBe(ui);
      const uiPublished: Record<string, unknown> = uiDocument.versions[ui] ?? {};
      expect(JSON.stringify(uiPublished)).not.toMatch(/workspace:|catalog:|@custos\/(db|gateway|testing|release)/);
      expect(uiPublished).toMatchObject({ license: "MIT", dependencies: { "@custos/sdk": `^${version}` } });
      const uiTarball = path.join(temp, `consent-ui-${ui}.tgz`);
      writeFileSync(uiTarball, Buffer.from(await (await fetch(uiDocument.versions[ui]?.dist.tarball ?? "")).arrayBuffer()));
      await run(bin("publint"), ["--strict", uiTarball], { cwd: temp });
      await run(bin("attw"), [uiTarball, "--profile", "esm-only"], { cwd: temp });
      const shop = path.join(temp, "shop");
      mkdirSync(shop);
      writeFileSync(path.join(shop, "package.json"), JSON.stringify({ name: "a-shop", private: true, type: "module" }));
      for (const file of ["ui.ts", "tsconfig.ui.json"]) copyFileSync(new URL(file, consumerFixtures), path.join(shop, file));
      await run("npm", ["install", `@custos/consent-ui@${ui}`, "--no-audit", "--no-fund", "--prefer-online"], {
        cwd: shop,
        env: registry.env,
      });
      await run(bin("tsc"), ["-p", "tsconfig.ui.json"], { cwd: shop });
      const loaded = await run(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          "const ui = await import('@custos/consent-ui'); console.log(JSON.stringify([typeof ui.mountConsentUi, ui.TEXTS.zh.rejectAll]))",
        ],
        { cwd: shop },
      );
      expect(JSON.parse(loaded)).toEqual(["function", "全部拒绝"]);
    },
    RELEASE_TIMEOUT,
  );

  it(
    "`pnpm version-snapshot` then `pnpm release-snapshot` publish a pre-release under the `next` tag, installed the same way",
    async () => {
      writeFileSync(path.join(workspace, ".changeset/preview.md"), '---\n"@custos/sdk": minor\n---\n\nA preview.\n');
      await inWorkspace("version-snapshot");
      const { version } = sdkManifest();
      expect(version).toMatch(/^\d+\.\d+\.\d+-next-\d+$/);
      await inWorkspace("release-snapshot");
      const document = await registryDocument();
      expect(document["dist-tags"].next).toBe(version);
      expect(document["dist-tags"].latest).not.toBe(version);

      const consumer = await freshConsumer("snapshot", "@custos/sdk@next");
      const cjs = JSON.parse(await run(process.execPath, ["main.cjs", gateway.graphqlUrl], { cwd: consumer }));
      expect(cjs).toMatchObject({ version, schemaHasQuery: true });
    },
    RELEASE_TIMEOUT,
  );
});
