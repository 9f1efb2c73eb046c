// Test support: the world the operation samples run in, for one tenant, made only through the gateway's GraphQL
// as that tenant's staff (the matrix and the tenant-isolation test both use it). Database reads only find what
// the product sent (an e-mailed code, the task a request handed out); nothing is written behind the product.
import { dataOf, type TestGateway } from "../harness.ts";
import type { SampleWorld } from "./sample-types.ts";

/** The company app the samples' service key belongs to: the account system, so it may register contacts. */
export const SAMPLE_SYSTEM = "orders-app";
/** The processor the samples' partner key belongs to, and `recordTransfer`'s sample names. */
export const SAMPLE_PROCESSOR = "Acme Cloud";

export interface SampleTenant {
  staffToken: string;
  /** Keeps e-mail addresses and keys of one tenant's world apart from another's. */
  label: string;
  shopperId: string;
}

export async function sampleWorld(gateway: TestGateway, tenant: SampleTenant): Promise<SampleWorld> {
  const { prisma } = gateway.database;
  const staff = async <T>(field: string, query: string, variables: Record<string, unknown> = {}) =>
    dataOf<T>(await gateway.execute(query, variables, { token: tenant.staffToken }), field);
  let counter = 0;
  const fresh = () => `${tenant.label}-${++counter}`;

  await staff("createProcessor", "mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id } }", {
    input: { name: SAMPLE_PROCESSOR, country: "SG", dataCategories: [], purposes: [] },
  });
  const createSystem = async (input: Record<string, unknown>) =>
    (
      await staff<{ key: string }>(
        "createDataSystem",
        "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }",
        { input },
      )
    ).key;
  await createSystem({ key: SAMPLE_SYSTEM, name: "Orders", dataCategories: ["identity"], accountSystem: true });
  // A policy, so that each sweep queues the company app a retention task (one open per category at a time).
  await staff("setRetentionPolicy", "mutation ($input: SetRetentionPolicyInput!) { setRetentionPolicy(input: $input) { id } }", {
    input: { dataCategory: "identity", trigger: "COLLECTION", action: "DELETE", legalBasis: "CONTRACT" },
  });

  const submit = async (type: string) => {
    const recipient = `world-${fresh()}@example.com`;
    const submitted = await staff<{ trackingToken: string; request: { id: string } }>(
      "submitRequest",
      "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id } } }",
      { input: { type, jurisdiction: "DE", contactEmail: recipient } },
    );
    return { token: submitted.trackingToken, id: submitted.request.id, recipient };
  };
  let shopperEventId: Promise<string> | undefined;
  // On this host's discard port, where nothing listens: a receiver that is down, refused at once (no DNS, no wait).
  const registerEndpoint = async (name: string) =>
    (
      await staff<{ endpoint: { id: string } }>(
        "registerWebhookEndpoint",
        "mutation ($name: String!, $url: String!) { registerWebhookEndpoint(name: $name, url: $url) { endpoint { id } } }",
        { name, url: `http://127.0.0.1:9/${fresh()}` },
      )
    ).endpoint.id;

  return {
    shopperId: tenant.shopperId,
    unique: fresh,
    requestToken: async () => (await submit("ERASURE")).token,
    requestId: async () => (await submit("ERASURE")).id,
    requestWithCode: async () => {
      const { token, recipient } = await submit("ERASURE");
      const notice = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient, template: "request.verification-code" } });
      return { token, code: String((notice.payload as { code: string }).code) };
    },
    answeredRequestToken: async () => {
      const { token, id } = await submit("COMPLAINT");
      await staff("answerRequest", 'mutation ($id: ID!) { answerRequest(id: $id, answer: "We looked into it.") { id } }', { id });
      return token;
    },
    questionId: async () => (await submit("QUESTION")).id,
    failedNoticeId: async () => {
      const { recipient } = await submit("ERASURE");
      // The relay refuses, and one attempt is all a notice gets here: straight to the dead-letter list.
      gateway.mail.failNext = 1000;
      await gateway.deliverMail({ maxAttempts: 1, batchSize: 10_000 });
      gateway.mail.failNext = 0;
      return (await prisma.outboxMessage.findFirstOrThrow({ where: { recipient, status: "FAILED" } })).id;
    },
    webhookEndpointId: () => registerEndpoint("To disable"),
    failedWebhookDeliveryId: async () => {
      const endpointId = await registerEndpoint("Down");
      await staff("recordConsent", "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }", {
        input: { subjectId: `hooked-${fresh()}`, purpose: "marketing", decision: "GRANTED", channel: "SUPPORT_AGENT" },
      });
      // Nothing answers, and one attempt is all a delivery gets here: straight to the dead-letter list.
      await gateway.deliverWebhooks({ maxAttempts: 1 });
      return (await prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId, status: "FAILED" } })).id;
    },
    withdrawalDestructionId: async () => {
      const subjectId = `withdrawer-${fresh()}`;
      const record = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
      for (const decision of ["GRANTED", "WITHDRAWN"]) {
        await staff("recordConsent", record, {
          input: { subjectId, purpose: "marketing", decision, channel: "SUPPORT_AGENT", jurisdiction: "RU" },
        });
      }
      const open = await staff<{ id: string; subjectId: string }[]>(
        "withdrawalDestructions",
        "{ withdrawalDestructions(first: 200) { id subjectId } }",
      );
      const opened = open.find((row) => row.subjectId === subjectId);
      if (!opened) throw new Error(`no destruction was opened for ${subjectId}`);
      return opened.id;
    },
    retirableSystemKey: () => createSystem({ key: `retire-${fresh()}`, name: "To retire" }),
    openTaskId: async () => {
      const { id } = await submit("OBJECTION");
      return (await prisma.requestTask.findFirstOrThrow({ where: { requestId: id, dataSystem: { key: SAMPLE_SYSTEM } } })).id;
    },
    revocableKeyPrefix: async () =>
      (
        await staff<{ key: { prefix: string } }>(
          "createApiKey",
          "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key { prefix } } }",
          { input: { kind: "AUDITOR", name: `to revoke ${fresh()}` } },
        )
      ).key.prefix,
    disclosureId: async () =>
      (
        await staff<{ id: string }>(
          "recordDisclosure",
          "mutation ($input: RecordDisclosureInput!) { recordDisclosure(input: $input) { id } }",
          {
            input: {
              authority: "Regulator",
              instrument: "REGULATOR_REQUEST",
              legalBasis: "statute",
              dataDisclosed: "orders",
              disclosedAt: "2026-01-01T00:00:00.000Z",
              subjectNotified: false,
              notNotifiedReason: "gag order",
            },
          },
        )
      ).id,
    // A hold on a category no policy sweeps, so it keeps no retention task from being queued.
    legalHoldId: async () =>
      (
        await staff<{ id: string }>("placeLegalHold", "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id } }", {
          input: { dataCategory: "usage", reason: `audit ${fresh()}` },
        })
      ).id,
    // The sweep queues a task when the app has none open; one a refused caller left pending is still fresh to use.
    retentionTaskId: async () => {
      await staff("sweepRetention", "mutation { sweepRetention(dryRun: false) { id } }");
      const tasks = await staff<{ edges: { node: { id: string; dataSystem: string } }[] }>(
        "retentionTasks",
        "{ retentionTasks(status: PENDING, first: 50) { edges { node { id dataSystem } } } }",
      );
      const task = tasks.edges.find(({ node }) => node.dataSystem === SAMPLE_SYSTEM);
      if (!task) throw new Error("the sweep queued no retention task for the sample system");
      return task.node.id;
    },
    shopperConsentEventId: () => {
      shopperEventId ??= staff<{ id: string }>(
        "recordConsent",
        "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }",
        { input: { subjectId: tenant.shopperId, purpose: "feature_testing", decision: "GRANTED", channel: "SUPPORT_AGENT" } },
      ).then(({ id }) => id);
      return shopperEventId;
    },
    unsubscribeToken: () =>
      staff<string>("createUnsubscribeToken", "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }", {
        subjectId: tenant.shopperId,
      }),
  };
}
