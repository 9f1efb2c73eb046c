// Issue 24: a question or complaint (policy promise P4) was closed with «Мы выполнили ваш запрос с вопросом.» ("We have
// carried out your request with a complaint."); the staff's answer never reached the person and was kept nowhere.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id status } } }";
const ANSWER = "mutation ($id: ID!, $answer: String!) { answerRequest(id: $id, answer: $answer) { status answer closedAt } }";
const READ = "query ($id: ID!) { privacyRequest(id: $id) { status answer events { toStatus note } } }";

describe("answers to questions and complaints", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const ask = async (type: string, contactEmail: string, language: string) =>
    dataOf<{ request: { id: string; status: string } }>(
      await gateway.execute(SUBMIT, { input: { type, jurisdiction: "RU", contactEmail, language, details: "Какие cookie вы ставите?" } }),
      "submitRequest",
    ).request;

  it("sends staff's answer to the person as the notice and keeps it with the request", async () => {
    const contactEmail = "vopros@example.com";
    const question = await ask("QUESTION", contactEmail, "ru");
    expect(question.status).toBe("IN_PROGRESS");
    const answer =
      "Мы ставим только cookie, перечисленные в политике cookie: https://shop.example/cookies.\nАналитические — только с вашего согласия.";
    const answered = await gateway.asStaff(ANSWER, { id: question.id, answer });
    expect(answered.data?.answerRequest).toMatchObject({ status: "COMPLETED", answer, closedAt: expect.any(String) });
    expect(dataOf<{ answer: string }>(await gateway.asStaff(READ, { id: question.id }), "privacyRequest").answer).toBe(answer);

    const notice = await readNotice(gateway, contactEmail, "request.completion");
    expect(notice.subject).toBe("Ответ на ваш вопрос о персональных данных");
    expect(notice.text).toMatch(/^Отвечаем на ваш вопрос от \d{1,2} [а-я]+ \d{4} г\.:\nМы ставим только cookie/);
    expect(notice.text).toContain(answer);
    expect(notice.text).not.toContain("Мы выполнили ваш запрос");
    expect(notice.html).toContain('Мы ставим только cookie, перечисленные в политике cookie: <a href="https://shop.example/cookies">');
  });

  it("answers a complaint in English, and an escalated one again", async () => {
    const contactEmail = "complaint@example.com";
    const complaint = await ask("COMPLAINT", contactEmail, "en");
    await gateway.asStaff(ANSWER, { id: complaint.id, answer: "We have stopped the newsletter to your address." });
    const first = await readNotice(gateway, contactEmail, "request.completion");
    expect(first.subject).toBe("Our answer to your privacy complaint");
    expect(first.text).toContain("Here is our answer to your complaint of");
    expect(first.text).toContain("We have stopped the newsletter to your address.");
    expect(first.text).not.toContain("We have carried out your request with a complaint");

    const token = (
      await gateway.database.prisma.outboxMessage.findFirstOrThrow({
        where: { recipient: contactEmail, template: "request.acknowledgement" },
      })
    ).payload as { trackingToken: string };
    await gateway.execute('mutation ($token: String!) { escalateRequest(token: $token, reason: "still getting it") { status } }', {
      token: token.trackingToken,
    });
    await gateway.asStaff(ANSWER, { id: complaint.id, answer: "The last batch was queued before; none will follow." });
    expect((await readNotice(gateway, contactEmail, "request.completion")).text).toContain(
      "The last batch was queued before; none will follow.",
    );
  });

  it("refuses to complete a question without an answer, an answer to another type, and a caller who is not staff", async () => {
    const contactEmail = "unanswered@example.com";
    const question = await ask("QUESTION", contactEmail, "ru");
    const closed = await gateway.asStaff("mutation ($id: ID!) { transitionRequest(input: { id: $id, to: COMPLETED }) { status } }", {
      id: question.id,
    });
    expect(closed.errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    expect((await gateway.asStaff(ANSWER, { id: question.id, answer: "   " })).errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    expect((await gateway.execute(ANSWER, { id: question.id, answer: "forged" })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const shopper = await gateway.shopperSession("cust-24");
    expect((await gateway.execute(ANSWER, { id: question.id, answer: "forged" }, { token: shopper })).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const objection = await ask("OBJECTION", "objection@example.com", "ru");
    expect((await gateway.asStaff(ANSWER, { id: objection.id, answer: "no" })).errors?.[0]?.extensions?.code).toBe("INVALID_REQUEST");
    expect((await gateway.asStaff(ANSWER, { id: "00000000-0000-4000-8000-000000000000", answer: "x" })).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    const row = await gateway.database.prisma.privacyRequest.findUniqueOrThrow({ where: { id: question.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", answer: null });
    expect(await gateway.database.prisma.outboxMessage.count({ where: { recipient: contactEmail, template: "request.completion" } })).toBe(
      0,
    );
  });
});
