import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, it } from "vitest";
import { createAppClient } from "./apps.ts";
import { createClient } from "./client.ts";
import { createStorefrontClient } from "./storefront.ts";
import { failureOf } from "./test-support.ts";
import type { TypedDocument } from "./typed-document.ts";

// Staff tooling the SDK leaves to `request` (operation-coverage.test.ts lists it).
const SET_POLICY =
  'mutation { setRetentionPolicy(input: { dataCategory: "identity", trigger: COLLECTION, action: ANONYMISE, legalBasis: CONTRACT }) { id } }' as TypedDocument<
    unknown,
    Record<string, never>
  >;
const SWEEP = "mutation { sweepRetention(dryRun: false) { status } }" as TypedDocument<unknown, Record<string, never>>;

describe("the company-app surface", () => {
  it("lists its own system's retention tasks, completes one, and reads who it is and the controller's contact", async () => {
    await using gateway = await startTestGateway("pglite");
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    for (const key of ["orders-app", "crm-app"]) await staff.systems.create({ key, name: key, dataCategories: ["identity"] });
    await staff.request(SET_POLICY);
    await staff.request(SWEEP);
    const orders = createAppClient({
      url: gateway.graphqlUrl,
      token: await gateway.issueKey({ kind: "SERVICE", name: "o", dataSystemKey: "orders-app" }),
    });
    const crm = createAppClient({
      url: gateway.graphqlUrl,
      token: await gateway.issueKey({ kind: "SERVICE", name: "c", dataSystemKey: "crm-app" }),
    });

    expect(await orders.viewer()).toEqual({ kind: "SERVICE", tenant: expect.any(String), person: null });
    const pending = (await orders.retention.tasks({ status: "PENDING" })).edges.map((edge) => edge.node);
    expect(pending.map((task) => [task.dataSystem, task.dataCategory.key, task.action, task.status])).toEqual([
      ["orders-app", "identity", "ANONYMISE", "PENDING"],
    ]);
    const [task] = pending;
    if (!task) throw new Error("no retention task");
    // Another system's key cannot complete it.
    expect((await failureOf(crm.retention.complete(task.id))).code).toBe("NOT_FOUND");
    expect(await orders.retention.complete(task.id)).toMatchObject({ id: task.id, status: "DONE", completedAt: expect.any(String) });
    expect((await orders.retention.tasks({ status: "PENDING" })).edges).toEqual([]);
    expect((await crm.retention.tasks({ status: "PENDING" })).edges.map((edge) => edge.node.dataSystem)).toEqual(["crm-app"]);

    const controller = await createStorefrontClient({ url: gateway.graphqlUrl }).policy.controller();
    expect(controller.email).toMatch(/@/);
    expect(controller.name.length).toBeGreaterThan(0);
  });

  it("checks many subjects' consent for one purpose in one call, suppressed addresses, and destructions owed", async () => {
    await using gateway = await startTestGateway("pglite");
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    await staff.systems.create({ key: "campaigns-app", name: "Campaigns", dataCategories: ["identity"] });
    const app = createAppClient({
      url: gateway.graphqlUrl,
      token: await gateway.issueKey({ kind: "SERVICE", name: "campaigns", dataSystemKey: "campaigns-app" }),
    });
    await app.consent.set({ subjectId: "cust-1", purpose: "marketing", decision: "GRANTED", channel: "API" });
    await app.consent.set({ subjectId: "cust-2", purpose: "marketing", decision: "WITHDRAWN", channel: "API" });

    const checked = await app.consent.getMany("marketing", ["cust-2", "never-seen", "cust-1"]);
    expect(checked.map(({ subjectId, status, processingAllowed }) => [subjectId, status, processingAllowed])).toEqual([
      ["cust-2", "WITHDRAWN", false],
      ["never-seen", "NOT_ASKED", false],
      ["cust-1", "GRANTED", true],
    ]);
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `cust-${index}`);
    expect((await failureOf(app.consent.getMany("marketing", tooMany))).code).toBe("TOO_MANY_SUBJECTS");

    // An objection to direct marketing by address alone: the campaign app checks the address before sending.
    expect(await app.consent.marketingSuppressed("Reader+news@Example.com")).toBe(false);
    const objection = { type: "OBJECTION", jurisdiction: "DE", contactEmail: "reader@example.com", directMarketing: true } as const;
    await createStorefrontClient({ url: gateway.graphqlUrl }).requests.submit(objection);
    expect(await app.consent.marketingSuppressed("Reader+news@Example.com")).toBe(true);

    // A 152-FZ withdrawal opens a destruction due in 30 days, which staff close once.
    await app.consent.set({ subjectId: "cust-1", purpose: "marketing", decision: "WITHDRAWN", channel: "API", jurisdiction: "RU" });
    const [destruction] = await staff.requests.withdrawalDestructions();
    expect(destruction).toMatchObject({ subjectId: "cust-1", purpose: { key: "marketing" }, outcome: null, dueState: "ON_TRACK" });
    if (!destruction) throw new Error("no destruction");
    expect((await failureOf(staff.requests.closeWithdrawalDestruction(destruction.id, "OTHER_BASIS"))).code).toBe("REASON_REQUIRED");
    expect(await staff.requests.closeWithdrawalDestruction(destruction.id, "DESTROYED")).toMatchObject({ outcome: "DESTROYED" });
    expect(await staff.requests.withdrawalDestructions()).toEqual([]);
  });
});
