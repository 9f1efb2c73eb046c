import { afterEach, describe, expect, it } from "vitest";
import { moveClockTo, restoreClock } from "../../../test/clock.ts";
import { dataOf, startTestGateway } from "../../../test/harness.ts";
import { deadlineReminderJob } from "../../app/jobs/tasks.ts";
import { silentLogger } from "../../ground/logger.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id dueAt } } }";

describe("the daily reminder of request deadlines", () => {
  afterEach(restoreClock);

  it("mails the controller's privacy contact the overdue and due-soon requests, and nothing when none is", async () => {
    await using gateway = await startTestGateway("pglite");
    const { prisma } = gateway.database;
    const deps = { prisma, log: silentLogger, transport: gateway.mail, noticeMaxAttempts: 3 };
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: gateway.tenantId } });
    const reminders = () =>
      prisma.outboxMessage.findMany({ where: { template: "staff.deadline-reminder" }, orderBy: { createdAt: "asc" } });

    moveClockTo("2027-03-01T10:00:00Z");
    const submitted = await gateway.execute(SUBMIT, { input: { type: "ACCESS", jurisdiction: "DE", contactEmail: "anna@example.com" } });
    const { id, dueAt } = dataOf<{ request: { id: string; dueAt: string } }>(submitted, "submitRequest").request;
    await deadlineReminderJob(deps, gateway.tenantId);
    expect(await reminders()).toEqual([]);

    // Two days before the deadline: due soon.
    moveClockTo(new Date(new Date(dueAt).getTime() - 2 * 86_400_000));
    await deadlineReminderJob(deps, gateway.tenantId);
    // A day after it: overdue.
    moveClockTo(new Date(new Date(dueAt).getTime() + 86_400_000));
    await deadlineReminderJob(deps, gateway.tenantId);

    const [soon, late] = await reminders();
    expect(soon).toMatchObject({
      recipient: tenant.controllerEmail,
      payload: { dueSoonCount: 1, overdueCount: 0, dueSoon: [{ id, type: "ACCESS" }] },
    });
    expect(late).toMatchObject({
      recipient: tenant.controllerEmail,
      payload: { dueSoonCount: 0, overdueCount: 1, overdue: [{ id, dueAt }] },
    });
    await gateway.deliverMail({ batchSize: 1000 });
    const sent = gateway.mail.sent.filter((message) => message.template === "staff.deadline-reminder");
    expect(sent).toHaveLength(2);
  });
});
