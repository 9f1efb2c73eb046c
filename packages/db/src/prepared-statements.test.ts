import { describe, expect, inject, it } from "vitest";
import { Prisma } from "../generated/prisma/client.ts";
import { createMigratedTestDatabase } from "../test/testing.ts";
import { PREPARED, preparedStatementName } from "./prepared-statements.ts";

describe("prepared statements", () => {
  it("are the statements that open with the marker, each under a name of its own text", () => {
    const batch = `${PREPARED} SELECT 1`;
    expect(preparedStatementName(batch)).toMatch(/^custos_[\w-]{32}$/);
    expect(preparedStatementName(batch)).toBe(preparedStatementName(batch));
    expect(preparedStatementName(`${PREPARED} SELECT 2`)).not.toBe(preparedStatementName(batch));
    expect(preparedStatementName("SELECT 1")).toBeUndefined();
    expect(preparedStatementName(` ${PREPARED} SELECT 1`)).toBeUndefined();
  });

  it("are prepared once on a PostgreSQL connection and run from it again; the others are not kept", async () => {
    await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    const kept = (tx: Prisma.TransactionClient) =>
      tx.$queryRaw<{ statement: string }[]>`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'custos\\_%'`;
    // One connection for the whole transaction, so what one statement prepared the next finds.
    const seen = await database.prisma.$transaction(async (tx) => {
      const before = await kept(tx);
      const answers = [];
      for (let use = 0; use < 3; use++)
        answers.push(await tx.$queryRaw<{ sum: number }[]>`${Prisma.raw(PREPARED)} SELECT ${use}::int + 1 AS sum`);
      return { before, answers, after: await kept(tx) };
    });
    expect(seen.before).toEqual([]);
    expect(seen.answers).toEqual([[{ sum: 1 }], [{ sum: 2 }], [{ sum: 3 }]]);
    expect(seen.after).toEqual([{ statement: `${PREPARED} SELECT $1::int + 1 AS sum` }]);
  });
});
