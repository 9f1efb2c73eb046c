import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway, type TestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it } from "vitest";
import { type CustosClient, createClient } from "./client.ts";
import { failureOf } from "./test-support.ts";
import type { RequestTask, RequestType } from "./types.ts";

const SYSTEMS = ["orders-app", "crm-app"] as const;

/** The newest notice of `template` sent to `recipient`, after running the outbox once. */
async function lastNotice(gateway: TestGateway, recipient: string, template: string) {
  await gateway.deliverMail();
  const notice = gateway.mail.sent.filter((message) => message.recipient === recipient && message.template === template).at(-1);
  if (!notice) throw new Error(`no ${template} notice to ${recipient}`);
  return notice.payload as Record<string, unknown>;
}

/** What each company app does with a task: export its records, or carry out the change and confirm. */
async function fulfil(app: CustosClient, system: string, tasks: RequestTask[]) {
  for (const task of tasks) {
    const exporting = task.request.type === "ACCESS" || task.request.type === "PORTABILITY";
    const done = await app.tasks.complete(
      exporting
        ? {
            taskId: task.id,
            data: [
              { category: "identity", records: [{ customerId: task.request.subjectId, email: task.request.contactEmail, vip: false }] },
              { category: `${system}-history`, records: [{ event: "=signed up", at: "2026-01-05", amount: 12.5 }, { event: "ordered" }] },
            ],
          }
        : { taskId: task.id, confirmation: `${task.request.type} carried out by ${system}` },
    );
    expect(done.status).toBe("DONE");
  }
}

describe.each(TEST_ENGINES)("data-subject requests end to end through the SDK on %s", (engine) => {
  it("takes a request of every type from submission to completion, with two systems doing their part", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const { prisma } = gateway.database;
    const apps = new Map<string, CustosClient>();
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
    for (const key of SYSTEMS) {
      expect(await staff.systems.create({ key, name: key, dataCategories: ["identity"] })).toMatchObject({ key, retiredAt: null });
      apps.set(
        key,
        createClient({ url: gateway.graphqlUrl, token: await gateway.issueKey({ kind: "SERVICE", name: key, dataSystemKey: key }) }),
      );
    }
    expect((await staff.systems.list()).map(({ key }) => key)).toEqual(["crm-app", "orders-app"]);
    const visitor = createClient({ url: gateway.graphqlUrl });
    await staff.consent.set({ subjectId: "cust-objects", purpose: "marketing", decision: "GRANTED", channel: "BANNER" });

    const types: RequestType[] = [
      "ACCESS",
      "PORTABILITY",
      "RECTIFICATION",
      "ERASURE",
      "RESTRICTION",
      "OBJECTION",
      "OPT_OUT_OF_SALE",
      "QUESTION",
      "COMPLAINT",
    ];
    for (const [index, type] of types.entries()) {
      const subjectId = type === "OBJECTION" ? "cust-objects" : `cust-${index}`;
      const contactEmail = `person-${index}@example.com`;
      // Even-numbered requests come from a signed-in shopper, the others from a visitor without an account.
      const signedIn = index % 2 === 0;
      // The account system registered the customer's verified address: codes and answers go there, whatever is typed.
      const contact = await staff.subjects.registerContact({ subjectId, email: contactEmail, language: "en" });
      expect(contact).toMatchObject({ subjectId, email: contactEmail, language: "en" });
      const submitter = signedIn ? createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession(subjectId) }) : visitor;
      const { request, trackingToken, concerns } = await submitter.requests.submit({
        type,
        jurisdiction: ["DE", "RU", "US-CA", "SG", "CN"][index % 5] as string,
        contactEmail,
        subjectId,
        details: type === "RECTIFICATION" ? "my city is Kazan" : type === "QUESTION" ? "which cookies do you set?" : null,
        directMarketing: type === "OBJECTION" ? true : null,
      });
      expect(request.feeCharged).toBe(false);
      expect(concerns).toBe("ACCOUNT");
      expect((await lastNotice(gateway, contactEmail, "request.acknowledgement")).trackingToken).toBe(trackingToken);

      // An objection sent without a session applies to the account only once the code to its registered address proves it.
      const needsProof =
        ["ACCESS", "PORTABILITY", "RECTIFICATION", "ERASURE", "RESTRICTION"].includes(type) || (type === "OBJECTION" && !signedIn);
      if (needsProof && !signedIn) {
        expect(request.status).toBe("AWAITING_VERIFICATION");
        const { code } = await lastNotice(gateway, contactEmail, "request.verification-code");
        expect(await failureOf(visitor.requests.verify(trackingToken, "000000x"))).toMatchObject({ code: "VERIFICATION_FAILED" });
        expect((await visitor.requests.verify(trackingToken, String(code))).verificationMethod).toBe("EMAIL_CODE");
      } else {
        expect(request.verificationMethod).toBe(needsProof ? "SHOPPER_SESSION" : null);
      }

      if (type === "QUESTION" || type === "COMPLAINT") {
        expect((await visitor.requests.status(trackingToken)).status).toBe("IN_PROGRESS");
        const answered = await staff.requests.answer(request.id, "We set only the cookies listed in our cookie policy.");
        expect(answered).toMatchObject({ status: "COMPLETED", answer: "We set only the cookies listed in our cookie policy." });
      } else if (type === "OBJECTION") {
        // An objection to direct marketing is acted on at once (issue 24): nothing is left for the systems.
        for (const app of apps.values()) expect(await app.tasks.pull(5)).toEqual([]);
      } else {
        for (const [system, app] of apps) {
          const tasks = await app.tasks.pull(5);
          expect(tasks.map((task) => [task.system, task.request.id])).toEqual([[system, request.id]]);
          await fulfil(app, system, tasks);
        }
      }

      const done = await visitor.requests.status(trackingToken);
      expect(done).toMatchObject({ status: "COMPLETED", feeCharged: false });
      const completion = await lastNotice(gateway, contactEmail, "request.completion");
      expect(completion.fee).toBe("none");

      if (type === "ACCESS" || type === "PORTABILITY") {
        const download = await fetch(`${gateway.baseUrl}${completion.downloadPath}`);
        expect(download.status).toBe(200);
        const bundle = (await download.json()) as {
          manifest: { systems: string[]; files: { path: string; rows: number }[] };
          files: { path: string; content: string }[];
        };
        expect(bundle.manifest.systems).toEqual(["crm-app", "custos", "orders-app"]);
        // Custos's own records about the person come with the systems' (see the gateway's own-records test).
        const fromSystems = bundle.manifest.files.filter(({ path }) => !path.startsWith("custos/"));
        expect(fromSystems.map(({ path, rows }) => `${path}:${rows}`)).toEqual([
          "crm-app/identity.json:1",
          "crm-app/identity.csv:1",
          "crm-app/crm-app-history.json:2",
          "crm-app/crm-app-history.csv:2",
          "orders-app/identity.json:1",
          "orders-app/identity.csv:1",
          "orders-app/orders-app-history.json:2",
          "orders-app/orders-app-history.csv:2",
        ]);
        expect(bundle.files.find(({ path }) => path === "orders-app/orders-app-history.csv")?.content).toBe(
          "event,at,amount\r\n'=signed up,2026-01-05,12.5\r\nordered,,\r\n",
        );
        const forged = String(completion.downloadPath).replace(/.$/, (last) => (last === "A" ? "B" : "A"));
        expect((await fetch(`${gateway.baseUrl}${forged}`)).status).toBe(404);
      }
      if (type === "ERASURE") {
        const subject = await prisma.dataSubject.findFirstOrThrow({ where: { erasedAt: { not: null } } });
        expect(subject.externalId).toBe(`erased:${subject.id}`);
        // The notices sent before the erasure no longer name the person; the completion notice still went out.
        expect(
          await prisma.outboxMessage.count({ where: { recipient: contactEmail, status: "SENT", template: { not: "request.completion" } } }),
        ).toBe(0);
        expect(await prisma.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
          contactEmail: null,
          status: "COMPLETED",
        });
      }
      if (type === "RESTRICTION") {
        expect((await prisma.dataSubject.findFirstOrThrow({ where: { externalId: subjectId } })).restrictedAt).toBeInstanceOf(Date);
        // An app's consent check now tells it to stop processing.
        const check = await apps.get("orders-app")?.consent.get(subjectId);
        expect(check?.restricted).toBe(true);
        expect(check?.purposes.every(({ processingAllowed }) => !processingAllowed)).toBe(true);
      }
      if (type === "OBJECTION") {
        const { purposes } = await staff.consent.get(subjectId);
        expect(purposes.find(({ purpose }) => purpose.key === "marketing")).toMatchObject({
          status: "WITHDRAWN",
          channel: "SUPPORT_AGENT",
        });
      }
    }

    const listed = await staff.tasks.list({ first: 50, status: "DONE" });
    // Two systems, each with a task for the six types they act on (not the objection to direct marketing).
    expect(listed.edges).toHaveLength(2 * 6);
    const queue = await staff.requests.queue({ first: 20 });
    expect(queue.edges.map(({ node }) => node.status)).toEqual(types.map(() => "COMPLETED"));
    expect(queue.edges.every(({ node }) => node.feeCharged === false && node.dueState === "CLOSED")).toBe(true);
    expect(await prisma.privacyRequest.count({ where: { feeCharged: true } })).toBe(0);
    expect(await prisma.requestTask.count({ where: { status: { not: "DONE" } } })).toBe(0);

    // A refusal cites its legal ground from the list for the request's law; staff's words only add to it.
    const doubtful = await visitor.requests.submit({ type: "ACCESS", jurisdiction: "RU", contactEmail: "doubtful@example.com" });
    // The grounds to choose from are the request's law's, then those of every law; a GDPR ground is not among them.
    const grounds = await staff.requests.refusalGrounds("RU");
    expect(grounds[0]).toEqual({ ground: "RU_152_ART_14_3_IDENTITY", citation: "152-FZ Art. 14(3)", needsReason: false });
    expect(grounds.map((option) => option.ground)).not.toContain("GDPR_ART_12_5_EXCESSIVE");
    expect(await failureOf(staff.requests.refusalGrounds("XX-NOWHERE"))).toMatchObject({ code: "INVALID_JURISDICTION" });
    expect(await failureOf(staff.requests.reject(doubtful.request.id, "GDPR_ART_12_5_EXCESSIVE", "again"))).toMatchObject({
      code: "REFUSAL_GROUND_NOT_APPLICABLE",
    });
    expect(await staff.requests.reject(doubtful.request.id, "RU_152_ART_14_3_IDENTITY")).toMatchObject({
      status: "REJECTED",
      refusalGround: "RU_152_ART_14_3_IDENTITY",
      rejectionReason: null,
    });
    // Nine requests through their whole life on one gateway: 8 s on a quiet 2-core machine, 35-60 s on a loaded one.
  }, 180_000);
});
