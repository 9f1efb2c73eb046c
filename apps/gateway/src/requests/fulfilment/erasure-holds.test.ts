// Issue 15: an erasure for a subject under an active legal hold completed and anonymised the subject.
import { TEST_ENGINES } from "@custos/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startTestGateway } from "../../../test/harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id status } } }";
const PULL = "mutation { pullRequestTasks(limit: 10) { id request { id legalHolds { category reason } } } }";
const COMPLETE = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";
const HOLD = "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id } }";
const CONTACT = "query ($id: String!) { subjectContact(subjectId: $id) { subjectId erasedAt } }";

describe.each(TEST_ENGINES)("erasure under a legal hold on %s", (engine) => {
  it("keeps held data, tells the systems what not to erase and the person why, and erases the rest", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    await gateway.asStaff('mutation { createDataSystem(input: { key: "orders", name: "Orders", dataCategories: ["orders"] }) { key } }');
    const orders = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders" });
    const reason = "accounting records are kept 5 years (402-FZ Art. 29)";
    const everything = "litigation hold: case 12-345";
    await gateway.asStaff(HOLD, { input: { subjectId: "cust-orders-held", dataCategory: "orders", reason } });
    await gateway.asStaff(HOLD, { input: { subjectId: "cust-all-held", reason: everything } });

    const erase = async (subjectId: string) => {
      const session = await gateway.shopperSession(subjectId);
      const submitted = await gateway.execute(
        SUBMIT,
        { input: { type: "ERASURE", jurisdiction: "DE", contactEmail: `${subjectId}@example.com` } },
        { token: session },
      );
      const requestId = (submitted.data as { submitRequest: { request: { id: string } } }).submitRequest.request.id;
      const pulled = await gateway.execute(PULL, {}, { token: orders });
      const [task] = (pulled.data?.pullRequestTasks ?? []) as { id: string; request: { legalHolds: unknown[] } }[];
      const done = await gateway.execute(
        COMPLETE,
        { input: { taskId: task?.id, confirmation: "erased what was not held" } },
        { token: orders },
      );
      expect(done.data?.completeRequestTask).toEqual({ status: "DONE" });
      const [completion] = await gateway.database.prisma.outboxMessage.findMany({
        where: { template: "request.completion", payload: { path: ["requestId"], equals: requestId } },
      });
      return { held: task?.request.legalHolds, told: (completion?.payload as { kept?: unknown } | undefined)?.kept };
    };

    // A hold on one category: the system keeps its orders, everything else of the person is erased, Custos's own records too.
    const partly = await erase("cust-orders-held");
    expect(partly).toEqual({
      held: [{ category: "orders", reason }],
      told: [{ category: "orders", categoryName: "Orders and payments", ground: null, reason, until: null }],
    });
    const erasedId = await gateway.database.prisma.dataSubject.count({ where: { externalId: "cust-orders-held" } });
    expect(erasedId).toBe(0);

    // A hold on the person as a whole: nothing is erased, Custos keeps its records, and the person is told why.
    const wholly = await erase("cust-all-held");
    expect(wholly).toEqual({
      held: [{ category: null, reason: everything }],
      told: [{ category: null, categoryName: null, ground: null, reason: everything, until: null }],
    });
    expect((await gateway.asStaff(CONTACT, { id: "cust-all-held" })).data?.subjectContact).toEqual({
      subjectId: "cust-all-held",
      erasedAt: null,
    });
  });
});
