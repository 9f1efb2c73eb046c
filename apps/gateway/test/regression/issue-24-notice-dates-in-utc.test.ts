// Issue 24: notices printed deadlines as the UTC day in ISO form: a Californian due on 24 April was told
// "we will answer by 2026-04-25", a Russian «не позднее 2026-10-27». The extension notice printed only staff's words.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id dueAt } } }";
const VERIFY = 'mutation ($id: ID!) { verifyRequestIdentity(id: $id, provider: "IDnow", reference: "chk-24") { status } }';
const EXTEND = "mutation ($id: ID!, $reason: String!) { extendRequestDeadline(id: $id, reason: $reason) { dueAt } }";

describe("notice dates", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(restoreClock);

  const submit = async (input: Record<string, unknown>) =>
    dataOf<{ request: { id: string; dueAt: string } }>(await gateway.asStaff(SUBMIT, { input }), "submitRequest").request;

  it("are the day of the person's time zone, in their language: a Californian's 24 April is not the UTC 25th", async () => {
    // Received Tuesday 10 March 2026 in Los Angeles; CCPA: 45 calendar days, 21 left in March + 24 in April = 24 April,
    // whose end in Los Angeles (PDT, UTC-7) is 2026-04-25T06:59:59.999Z.
    moveClockTo("2026-03-10T10:00:00-07:00");
    const contactEmail = "carla@example.com";
    const request = await submit({ type: "ACCESS", jurisdiction: "US-CA", contactEmail, language: "en-US" });
    expect(request.dueAt).toBe("2026-04-25T06:59:59.999Z");
    const notice = await readNotice(gateway, contactEmail, "request.acknowledgement");
    expect(notice.text).toContain("We received your request for access to your data on 10 March 2026 and will answer by 24 April 2026.");
    expect(notice.text).not.toMatch(/2026-04-2\d|25 April/);
    // 11 CCR §7021(a): the confirmation says how the request is verified and when to expect the answer.
    expect(notice.text).toContain("How we verify that the request is yours: we e-mail a one-time code");
    expect(notice.text).toContain(
      "When to expect our answer: by 24 April 2026, unless before then we tell you that we need more time, and why.",
    );
    expect(notice.html).toContain(
      "<p>We received your request for access to your data on 10 March 2026 and will answer by 24 April 2026.</p>",
    );
  });

  it("tell a Californian opting out that no proof is asked, and the opt-out's own date", async () => {
    // Received Tuesday 14 April 2026; 11 CCR §7026(f): 15 business days (15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29,
    // 30 April, 1, 4, 5 May; no California state holiday falls between) = 5 May, ending 2026-05-06T06:59:59.999Z.
    moveClockTo("2026-04-14T10:00:00-07:00");
    const contactEmail = "opt-out@example.com";
    const request = await submit({ type: "OPT_OUT_OF_SALE", jurisdiction: "US-CA", contactEmail, language: "en" });
    expect(request.dueAt).toBe("2026-05-06T06:59:59.999Z");
    const notice = await readNotice(gateway, contactEmail, "request.acknowledgement");
    expect(notice.text).toContain("This request needs no proof of identity: we act on it without asking you for more information.");
    expect(notice.text).toContain("When to expect our answer: by 5 May 2026");
    expect(notice.text).not.toMatch(/45 (calendar|more) days/);
  });

  it("read as Russian dates, and the extension names the request and its legal basis before staff's words", async () => {
    // Received Tuesday 6 October 2026 in Moscow; 152-FZ Art. 14(3) access: 10 working days (7, 8, 9, 12, 13, 14, 15,
    // 16, 19, 20 October) = 20 October; extended by 5 working days (21, 22, 23, 26, 27) = 27 October.
    moveClockTo("2026-10-06T10:00:00+03:00");
    const contactEmail = "olga@example.com";
    const request = await submit({ type: "ACCESS", jurisdiction: "RU", contactEmail, language: "ru" });
    const received = await readNotice(gateway, contactEmail, "request.acknowledgement");
    expect(received.text).toContain(
      "Мы получили ваш запрос о доступе к вашим данным 6 октября 2026 г. и ответим не позднее 20 октября 2026 г.",
    );
    expect(received.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    await gateway.asStaff(VERIFY, { id: request.id });
    const reason = "Данные хранятся в архиве заказов, его выгрузка занимает неделю.";
    expect(dataOf<{ dueAt: string }>(await gateway.asStaff(EXTEND, { id: request.id, reason }), "extendRequestDeadline").dueAt).toBe(
      "2026-10-27T20:59:59.999Z",
    );
    const extended = await readNotice(gateway, contactEmail, "request.extension-notice");
    expect(extended.text.split("\n").slice(0, 3)).toEqual([
      "Для ответа на ваш запрос о доступе к вашим данным от 6 октября 2026 г. нам нужно больше времени: мы ответим не позднее 27 октября 2026 г.",
      "Основание продления срока: часть 3 статьи 14 и части 1–2 статьи 20 Федерального закона № 152-ФЗ: срок может быть продлён не более чем на пять рабочих дней с направлением вам мотивированного уведомления.",
      `Пояснение сотрудников: ${reason}`,
    ]);
    expect(extended.text).toContain(`Номер вашего запроса: ${request.id}.`);
  });
});
