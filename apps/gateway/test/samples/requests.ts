// The requests wing's operations, each with a runnable sample and who may run it.
import { EVERYONE, type OperationSample } from "./sample-types.ts";

export const requestsSamples: Record<string, OperationSample> = {
  "Query.requestStatus": {
    document: "query ($token: String!) { requestStatus(token: $token) { id type status dueAt feeCharged authority { name } } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Query.privacyRequests": {
    document: "{ privacyRequests(first: 5) { edges { node { id type status contactEmail dueAt overdue dueSoon subjectId } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.staffMembers": {
    document: "{ staffMembers { subject name email role lastSeenAt } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.assignRequest": {
    // Nobody has signed in through an OpenID provider in the sample world: the sample takes the request back from nobody.
    document: "mutation ($id: ID!) { assignRequest(id: $id, assignee: null) { id assignee { subject } assignedAt } }",
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.calendarCoverage": {
    document: "{ calendarCoverage { jurisdiction lastCoveredDay daysLeft provisionalRule unpublished { year searchedOn } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.refusalGrounds": {
    document: '{ refusalGrounds(jurisdiction: "DE") { ground citation needsReason } }',
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.privacyRequest": {
    document:
      "query ($id: ID!) { privacyRequest(id: $id) { id contactEmail events { toStatus actor } tasks { system status result } notices { template status } } }",
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Query.requestTasks": {
    document: "{ requestTasks(first: 5) { edges { node { id system status request { type subjectId contactEmail } } } } }",
    variables: () => ({}),
    allowed: ["service", "partner", "staff", "auditor"],
    audited: true,
  },
  "Mutation.submitRequest": {
    document: "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id status } } }",
    variables: (world) => ({ input: { type: "QUESTION", jurisdiction: "DE", contactEmail: `matrix-${world.unique()}@example.com` } }),
    // The storefront, a shopper and visitors without an account are the people; staff record requests made by mail or phone.
    allowed: ["anonymous", "storefront", "shopper", "otherShopper", "staff"],
    audited: true,
  },
  "Mutation.verifyRequest": {
    document: "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status verificationMethod } }",
    variables: (world) => world.requestWithCode(),
    // The tracking token and the e-mailed code are the credentials.
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.resendRequestCode": {
    document: "mutation ($token: String!) { resendRequestCode(token: $token) { status } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.withdrawRequest": {
    document: "mutation ($token: String!) { withdrawRequest(token: $token) { status } }",
    variables: async (world) => ({ token: await world.requestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.escalateRequest": {
    document: 'mutation ($token: String!) { escalateRequest(token: $token, reason: "not satisfied") { status authority { name } } }',
    variables: async (world) => ({ token: await world.answeredRequestToken() }),
    allowed: EVERYONE,
    audited: true,
  },
  "Mutation.transitionRequest": {
    document: "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status refusalGround rejectionReason } }",
    variables: async (world) => ({
      input: { id: await world.requestId(), to: "REJECTED", refusalGround: "IDENTITY_NOT_VERIFIED", reason: "no answer to the code" },
    }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.answerRequest": {
    document: 'mutation ($id: ID!) { answerRequest(id: $id, answer: "We set the cookies our policy lists.") { status answer } }',
    variables: async (world) => ({ id: await world.questionId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Query.withdrawalDestructions": {
    document: "{ withdrawalDestructions { id subjectId purpose { key } withdrawnAt dueAt deadlineRule dueState } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: true,
  },
  "Mutation.closeWithdrawalDestruction": {
    document: "mutation ($id: ID!) { closeWithdrawalDestruction(id: $id, outcome: DESTROYED) { id outcome closedAt } }",
    variables: async (world) => ({ id: await world.withdrawalDestructionId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.extendRequestDeadline": {
    document: 'mutation ($id: ID!) { extendRequestDeadline(id: $id, reason: "records in several archives") { dueAt extendedDueAt } }',
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.verifyRequestIdentity": {
    document: 'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-1") { status verificationMethod } }',
    variables: async (world) => ({ id: await world.requestId() }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.liftProcessingRestriction": {
    document: "mutation ($subjectId: String!) { liftProcessingRestriction(subjectId: $subjectId) { subjectId restrictedAt } }",
    variables: (world) => ({ subjectId: world.shopperId }),
    allowed: ["staff"],
    audited: true,
  },
  "Mutation.pullRequestTasks": {
    document: "mutation { pullRequestTasks(limit: 2) { id system request { type subjectId contactEmail } } }",
    variables: () => ({}),
    allowed: ["service"],
    audited: true,
  },
  "Mutation.completeRequestTask": {
    document: "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { id status } }",
    variables: async (world) => ({ input: { taskId: await world.openTaskId(), confirmation: "marketing e-mails stopped" } }),
    allowed: ["service"],
    audited: true,
  },
};
