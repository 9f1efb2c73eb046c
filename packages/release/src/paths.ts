import { fileURLToPath } from "node:url";

/** Where the release checks look, relative to a repository root (the real one, or a test's copy). */
export const CONTRACT_FILE = "apps/gateway/schema.graphql";
/**
 * The contract as last released (the SDK ships it as `@custos/sdk/schema.graphql`): written by
 * `pnpm version-packages` in the same commit that consumes the changesets describing the changes.
 */
export const RELEASED_CONTRACT_FILE = ".changeset/released-schema.graphql";
/** The package whose version the released contract belongs to. */
export const CONTRACT_PACKAGE_DIR = "packages/sdk";
/** The published package that carries the contract, so a contract change is a change to it. */
export const CONTRACT_PACKAGE = "@custos/sdk";

export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
