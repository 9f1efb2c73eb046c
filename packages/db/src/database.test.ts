import { describe, expect, it } from "vitest";
import { databaseTargetFromEnv } from "./database.ts";
import { defaultPgliteDir, repoRoot } from "./paths.ts";

describe("databaseTargetFromEnv", () => {
  it("runs on the embedded database in the repository's .custos folder by default", () => {
    expect(databaseTargetFromEnv({})).toEqual({ kind: "pglite", dataDir: defaultPgliteDir });
  });

  it("reads a relative CUSTOS_DATA_DIR from the repository root, and keeps memory://", () => {
    expect(databaseTargetFromEnv({ CUSTOS_DATA_DIR: "tmp/db" })).toEqual({ kind: "pglite", dataDir: `${repoRoot}tmp/db` });
    expect(databaseTargetFromEnv({ CUSTOS_DATA_DIR: "memory://" })).toEqual({ kind: "pglite", dataDir: "memory://" });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and refuses a URL of another kind", () => {
    expect(databaseTargetFromEnv({ DATABASE_URL: "postgresql://app@db:5432/custos" })).toEqual({
      kind: "postgres",
      url: "postgresql://app@db:5432/custos",
    });
    expect(() => databaseTargetFromEnv({ DATABASE_URL: "mysql://db/custos" })).toThrow(/postgresql:\/\//);
  });
});
