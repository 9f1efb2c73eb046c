// The consent wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const consentSamples: Record<string, OperationSample> = {
  "Query.consentState": {
    document: "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId purposes { purpose { key } status } } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["shopper", "service", "staff", "auditor"],
    audited: true,
  },
  "Query.consentStates": {
    document:
      'query ($subjectIds: [String!]!) { consentStates(purpose: "marketing", subjectIds: $subjectIds) { subjectId status processingAllowed } }',
    variables: (world) => ({ subjectIds: [world.shopperId, "shopper-2"] }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Query.marketingSuppressed": {
    document: "query ($email: String!) { marketingSuppressed(email: $email) }",
    variables: () => ({ email: "reader@example.com" }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Query.tcfPermission": {
    document:
      "query ($subjectId: String!) { tcfPermission(subjectId: $subjectId, vendorId: 755, purpose: 1) { allowed reason tcStringRecordedAt } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["service", "staff", "auditor"],
    audited: true,
  },
  "Query.cookieCategories": {
    document: "{ cookieCategories { key required vendors { name country purposes cookies { name retention } } } }",
    variables: () => ({}),
    allowed: EVERYONE,
    audited: false,
  },
  "Query.consentReceipt": {
    document: "query ($subjectId: String!, $eventId: ID!) { consentReceipt(subjectId: $subjectId, eventId: $eventId) }",
    variables: async (world) => ({ subjectId: world.shopperId, eventId: await world.shopperConsentEventId() }),
    allowed: ["shopper", "staff", "auditor"],
    audited: true,
  },
  "Query.signedConsentReceipt": {
    document: "query ($subjectId: String!, $eventId: ID!) { signedConsentReceipt(subjectId: $subjectId, eventId: $eventId) }",
    variables: async (world) => ({ subjectId: world.shopperId, eventId: await world.shopperConsentEventId() }),
    allowed: ["shopper", "staff", "auditor"],
    audited: true,
  },
  "Mutation.publishConsentCheckpoint": {
    document: "mutation { publishConsentCheckpoint { treeSize rootHash issuedAt jws } }",
    variables: () => ({}),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.rotateSigningKey": {
    document: "mutation { rotateSigningKey }",
    variables: () => ({}),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.registerWebhookEndpoint": {
    document: 'mutation ($url: String!) { registerWebhookEndpoint(name: "CRM", url: $url) { secret endpoint { id name } } }',
    // Loopback, not a made-up host: a later delivery attempt is refused at once instead of waiting on DNS.
    variables: (world) => ({ url: `http://127.0.0.1:9/crm-${world.unique()}` }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.retryWebhookDelivery": {
    document: "mutation ($id: ID!) { retryWebhookDelivery(id: $id) { id status attempts } }",
    variables: async (world) => ({ id: await world.failedWebhookDeliveryId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.disableWebhookEndpoint": {
    document: "mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id disabledAt } }",
    variables: async (world) => ({ id: await world.webhookEndpointId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.webhookEndpoints": {
    document: "{ webhookEndpoints { edges { node { id name url acknowledged unacknowledged } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.webhookDeliveries": {
    document: "{ webhookDeliveries(status: FAILED) { edges { node { id status attempts endpoint { name } } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.consentLedgerVerification": {
    document: "{ consentLedgerVerification { ok verifiedCount headSequence headHash firstBreak { kind sequence eventId } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.subjectConsentEvents": {
    document:
      "query ($subjectId: String!) { subjectConsentEvents(subjectId: $subjectId, first: 5) { edges { node { id decision sequence } } } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.consentEventsExport": {
    document:
      "query ($from: DateTime!, $to: DateTime!) { consentEventsExport(from: $from, to: $to, format: CSV) { format count document } }",
    variables: () => ({ from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.recordConsent": {
    document: "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id subjectId decision } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, purpose: "marketing", decision: "GRANTED", channel: "BANNER" } }),
    // A customer's id: the public storefront key is refused (it writes for visitor ids only, see consent.test.ts).
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.recordCookieConsent": {
    document: "mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { id decision cookieCategory { key } } }",
    variables: (world) => ({
      input: { subjectId: world.shopperId, channel: "BANNER", choices: [{ category: "analytics", decision: "GRANTED" }] },
    }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.withdrawAllConsent": {
    document: "mutation ($input: WithdrawAllConsentInput!) { withdrawAllConsent(input: $input) { id decision } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, channel: "PREFERENCE_CENTRE" } }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.reportGpc": {
    document: "mutation ($input: ReportGpcInput!) { reportGpc(input: $input) { kind key recorded reason } }",
    variables: (world) => ({ input: { subjectId: world.shopperId, gpc: true } }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.adoptVisitorConsent": {
    document:
      "mutation ($visitorId: String!, $subjectId: String) { adoptVisitorConsent(visitorId: $visitorId, subjectId: $subjectId) { id } }",
    variables: (world) => ({ visitorId: "visitor:matrix-visitor-0000001", subjectId: world.shopperId }),
    allowed: ["shopper", "service", "staff"],
    audited: true,
  },
  "Mutation.unsubscribe": {
    document: "mutation ($token: String!) { unsubscribe(token: $token) { purpose { key } recorded withdrawnAt } }",
    variables: async (world) => ({ token: await world.unsubscribeToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.createUnsubscribeToken": {
    document: "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["service", "staff"],
    audited: true,
  },
};
