// Issue 24, deadlines: an objection to direct marketing must be acted on at once (GDPR and UK GDPR Art. 21(3),
// 152-FZ Art. 15(2)). Marketing consent was withdrawn at once only when the request named a subject id, and the
// request then waited the full period for the data systems; an objection sent with just an e-mail address stopped
// nothing and waited the full period. Now: once the objection is known to be the person's (their session, staff, or
// the code sent to the account's registered address) their marketing consent is withdrawn and the request completed,
// the same moment; an objection with only a typed address stops marketing to that address alone, at once. Each due
// date is counted by hand: "at once" is the day of receipt, the instant the end of that day in the law's zone.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { trackingToken concerns request { id status dueAt } } }`;
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status dueAt } }";
const RESEND = "mutation ($token: String!) { resendRequestCode(token: $token) { status } }";
const REGISTER = "mutation ($input: RegisterSubjectContactInput!) { registerSubjectContact(input: $input) { subjectId } }";
const CONSENT = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
const CONSENT_STATE = "query ($subjectId: String!) { consentState(subjectId: $subjectId) { purposes { purpose { key } status } } }";
const SUPPRESSED = "query ($email: String!) { marketingSuppressed(email: $email) }";
const PULL = "mutation { pullRequestTasks(limit: 50) { id request { id } } }";
const STAFF_VIEW = "query ($id: ID!) { privacyRequest(id: $id) { status deadlineRule closedAt } }";
type Submitted = { trackingToken: string; concerns: string; request: { id: string; status: string; dueAt: string } };

let gateway: TestGateway;
let accountsKey: string;
beforeAll(async () => {
  gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
  const input = { key: "accounts", name: "Accounts", dataCategories: ["identity"], accountSystem: true };
  expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
  accountsKey = await gateway.issueKey({ kind: "SERVICE", name: "accounts app", dataSystemKey: "accounts" });
});
afterAll(() => gateway[Symbol.asyncDispose]());
afterEach(restoreClock);

async function customerWhoGranted(customer: string, registered: string | null) {
  if (registered) {
    expect(
      (await gateway.execute(REGISTER, { input: { subjectId: customer, email: registered } }, { token: accountsKey })).errors,
    ).toBeUndefined();
  }
  const input = { subjectId: customer, purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" };
  expect((await gateway.execute(CONSENT, { input }, { token: accountsKey })).errors).toBeUndefined();
}
const marketing = async (customer: string) => {
  const state = dataOf<{ purposes: { purpose: { key: string }; status: string }[] }>(
    await gateway.execute(CONSENT_STATE, { subjectId: customer }, { token: accountsKey }),
    "consentState",
  );
  return state.purposes.find((entry) => entry.purpose.key === "marketing")?.status;
};
const suppressed = async (email: string) =>
  dataOf<boolean>(await gateway.execute(SUPPRESSED, { email }, { token: accountsKey }), "marketingSuppressed");
const object = async (input: Record<string, unknown>, credentials = {}) =>
  dataOf<Submitted>(
    await gateway.execute(SUBMIT, { input: { type: "OBJECTION", directMarketing: true, ...input } }, credentials),
    "submitRequest",
  );
const tasksPulled = async () =>
  (await gateway.execute(PULL, {}, { token: accountsKey })).data?.pullRequestTasks as { request: { id: string } }[];

describe("an objection to direct marketing with only a typed address", () => {
  it("stops marketing to that address alone, and is completed, at once", async () => {
    const typed = "reader.one@example.com";
    await customerWhoGranted("cust-24-a", typed);
    expect(await suppressed(typed)).toBe(false);
    // Received Tuesday 6 October 2026, 12:00 in Berlin: due that day, end of it in Berlin (CEST, UTC+2).
    moveClockTo("2026-10-06T10:00:00Z");
    const submitted = await object({ jurisdiction: "DE", contactEmail: typed });
    expect(submitted).toMatchObject({ concerns: "ADDRESS", request: { status: "COMPLETED", dueAt: "2026-10-06T21:59:59.999Z" } });
    const seen = dataOf<{ deadlineRule: string; closedAt: string }>(
      await gateway.asStaff(STAFF_VIEW, { id: submitted.request.id }),
      "privacyRequest",
    );
    expect(seen.deadlineRule).toBe("GDPR-ART-21-3");
    // The address's mailbox, however spelt; no other address, and not the customer's consent (a stranger may type it).
    expect(await suppressed(typed)).toBe(true);
    expect(await suppressed("Reader.One+offers@EXAMPLE.com")).toBe(true);
    expect(await suppressed("reader.two@example.com")).toBe(false);
    expect(await marketing("cust-24-a")).toBe("GRANTED");
    expect((await tasksPulled()).map((task) => task.request.id)).not.toContain(submitted.request.id);

    // The completion notice said only «we searched our own records»: it now says what stopped, for which address.
    const notice = await readNotice(gateway, typed, "request.completion");
    expect(notice.subject).toBe("Мы прекратили направлять рекламу на этот адрес");
    expect(notice.text).toContain(
      "Вы возразили 6 октября 2026 г. против использования ваших данных для прямого маркетинга. Мы выполнили ваше требование сразу, в тот же день.\n" +
        "Мы внесли этот адрес электронной почты в список адресов, на которые не направляется реклама: с этого момента мы не отправляем на него рекламу и предложения.\n" +
        "Это касается только этого адреса.",
    );
    expect(notice.text).toContain("Правовое основание: пункты 2–3 статьи 21 GDPR:");
    expect(notice.text).toContain("Вы также вправе обратиться в суд за судебной защитой (статья 79 и пункт 4 статьи 12 GDPR).");
    expect(notice.text).not.toMatch(/Мы проверили|согласи[ея] на получение рекламы/);
  });

  it("a malformed address is refused, and a storefront cannot ask", async () => {
    const refused = await gateway.execute(SUPPRESSED, { email: "not an address" }, { token: accountsKey });
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_REQUEST");
    const anonymous = await gateway.execute(SUPPRESSED, { email: "reader.one@example.com" });
    expect(anonymous.data?.marketingSuppressed ?? null).toBeNull();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });
});

describe("an objection to direct marketing known to be the customer's", () => {
  it("from their session: consent withdrawn and the request completed the day it arrives (152-FZ Art. 15(2))", async () => {
    await customerWhoGranted("cust-24-b", null);
    // Received Tuesday 6 October 2026, 12:00 in Moscow (UTC+3): due that day, 2026-10-06T20:59:59.999Z.
    moveClockTo("2026-10-06T09:00:00Z");
    const session = await gateway.shopperSession("cust-24-b");
    const submitted = await object({ jurisdiction: "RU", contactEmail: "b@example.com", language: "en" }, { token: session });
    expect(submitted).toMatchObject({ concerns: "ACCOUNT", request: { status: "COMPLETED", dueAt: "2026-10-06T20:59:59.999Z" } });
    expect(await marketing("cust-24-b")).toBe("WITHDRAWN");
    expect((await tasksPulled()).map((task) => task.request.id)).not.toContain(submitted.request.id);

    const notice = await readNotice(gateway, "b@example.com", "request.completion");
    expect(notice.subject).toBe("We have stopped direct marketing to you");
    expect(notice.text).toContain(
      "On 6 October 2026 you objected to our use of your data for direct marketing. We acted on it at once, the same day.\n" +
        "We have recorded the withdrawal of your consent to marketing and stopped using your data for direct marketing: you will receive no more advertising or offers from us, by e-mail or in any other way.\n" +
        "Messages we must send about your orders, your account or your requests are not marketing and will still reach you.",
    );
    expect(notice.text).toContain(
      "within 30 days of your withdrawal, unless another legal basis lets us keep it (Art. 21(5) of Federal Law No. 152-FZ).",
    );
    expect(notice.text).toContain("Legal basis: Art. 15(2) of Russian Federal Law No. 152-FZ");
    expect(notice.text).toContain("(Roskomnadzor): https://rkn.gov.ru/treatments/ask-question/.");
    expect(notice.text).toContain("challenge our actions or inaction in court (Art. 17 of Russian Federal Law No. 152-FZ");
    expect(notice.text).not.toMatch(/searched|this address only/);
  });

  it("from someone who proves it with the code sent to the account's address: acted on the day the code comes back", async () => {
    const owner = "owner.c@example.com";
    await customerWhoGranted("cust-24-c", owner);
    // Received Monday 1 February 2027 in London (GMT); nothing happens until the code proves it is the customer's.
    moveClockTo("2027-02-01T10:00:00Z");
    const submitted = await object({ jurisdiction: "GB", subjectId: "cust-24-c", contactEmail: "someone@example.com" });
    expect(submitted).toMatchObject({ concerns: "ACCOUNT", request: { status: "AWAITING_VERIFICATION" } });
    expect(await marketing("cust-24-c")).toBe("GRANTED");
    expect(await suppressed("someone@example.com")).toBe(false);
    // The first code has expired by Wednesday 3 February; a fresh one is asked for and entered that day: due that
    // day, end of it in London, 2027-02-03T23:59:59.999Z.
    moveClockTo("2027-02-03T09:00:00Z");
    expect((await gateway.execute(RESEND, { token: submitted.trackingToken })).errors).toBeUndefined();
    await gateway.deliverMail();
    const code = gateway.mail.sent.findLast((sent) => sent.recipient === owner && sent.template === "request.verification-code")
      ?.payload as { code: string };
    expect(dataOf(await gateway.execute(VERIFY, { token: submitted.trackingToken, code: code.code }), "verifyRequest")).toEqual({
      status: "COMPLETED",
      dueAt: "2027-02-03T23:59:59.999Z",
    });
    expect(await marketing("cust-24-c")).toBe("WITHDRAWN");
    const notice = await readNotice(gateway, owner, "request.completion");
    expect(notice.subject).toBe("Мы прекратили направлять вам рекламу");
    expect(notice.text).toContain("Правовое основание: пункты 2–3 статьи 21 UK GDPR:");
    expect(notice.text).toContain("в Управление комиссара по информации Великобритании (ICO): https://ico.org.uk/make-a-complaint/.");
    expect(notice.text).not.toMatch(/(?<!UK )GDPR|152-ФЗ/);
  });
});
