// Issue 24: an erasure under legal holds read «Часть данных мы обязаны сохранить (identity): tax law. Остальное удалено.»
// then «...(все данные): court order. Остальное удалено.»: internal category keys, free-text reasons, no law, no period,
// and a claim that the rest was erased when everything was held.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const HOLD = "mutation ($input: PlaceLegalHoldInput!) { placeLegalHold(input: $input) { id ground } }";
const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id status } } }";
const PULL = "mutation { pullRequestTasks(limit: 10) { id } }";
const COMPLETE = "mutation ($input: CompleteRequestTaskInput!) { completeRequestTask(input: $input) { status } }";

describe("an erasure's notice under legal holds", () => {
  let gateway: TestGateway;
  let orders: string;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
    await gateway.asStaff('mutation { createDataSystem(input: { key: "orders", name: "Orders", dataCategories: ["orders"] }) { key } }');
    orders = await gateway.issueKey({ kind: "SERVICE", name: "orders", dataSystemKey: "orders" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  /** A signed-in customer asks for erasure; the orders system confirms; the completion notice as the person reads it. */
  const erase = async (subjectId: string, language: string) => {
    const contactEmail = `${subjectId}@example.com`;
    const session = await gateway.shopperSession(subjectId);
    const input = { type: "ERASURE", jurisdiction: "RU", contactEmail, language };
    dataOf(await gateway.execute(SUBMIT, { input }, { token: session }), "submitRequest");
    const [task] = dataOf<{ id: string }[]>(await gateway.execute(PULL, {}, { token: orders }), "pullRequestTasks");
    const done = await gateway.execute(
      COMPLETE,
      { input: { taskId: task?.id, confirmation: "erased what was not held" } },
      { token: orders },
    );
    expect(done.data?.completeRequestTask).toEqual({ status: "DONE" });
    return readNotice(gateway, contactEmail, "request.completion");
  };

  it("names the kept category in the person's words, with the law and until when, and says the rest is erased", async () => {
    const held = await gateway.asStaff(HOLD, {
      input: {
        subjectId: "cust-orders-held",
        dataCategory: "orders",
        reason: "tax law",
        ground: "RU_ACCOUNTING",
        expiresAt: "2031-12-31T20:59:59.999Z",
      },
    });
    expect(held.data?.placeLegalHold).toMatchObject({ ground: "RU_ACCOUNTING" });
    const notice = await erase("cust-orders-held", "ru");
    expect(notice.subject).toBe("Ваш запрос о персональных данных выполнен");
    expect(notice.text).toContain(
      "Мы удалили ваши данные, кроме тех, которые обязаны хранить по закону:\n– ваши заказы и платежи — основание: статья 29 Федерального закона от 06.12.2011 № 402-ФЗ «О бухгалтерском учёте» (хранение документов бухгалтерского учёта); храним до 31 декабря 2031 г.",
    );
    expect(notice.text).not.toMatch(/\(orders\)|tax law|identity/);
  });

  it("says nothing was erased when everything is held, in English too", async () => {
    await gateway.asStaff(HOLD, { input: { subjectId: "cust-all-held", reason: "court order 2-117/2026", ground: "LEGAL_CLAIMS" } });
    const notice = await erase("cust-all-held", "en");
    expect(notice.subject).toBe("Our answer to your request to erase your data");
    expect(notice.text).toContain(
      "We could not erase your data yet: the law obliges us to keep all of it for now.\n– all your data — legal ground: the establishment, exercise or defence of legal claims, or a court's order; kept for as long as that obligation lasts.\nWhen the period ends, we will erase it without you having to ask again.",
    );
    expect(notice.text).not.toMatch(/erased\.|The rest|We have carried out|We have erased/);
  });

  it("describes a hold without a listed ground by staff's reason, never by an internal key", async () => {
    await gateway.asStaff(HOLD, {
      input: { subjectId: "cust-identity-held", dataCategory: "identity", reason: "ведётся налоговая проверка" },
    });
    const notice = await erase("cust-identity-held", "ru");
    expect(notice.text).toContain(
      "– ваши имя и контактные данные — основание: требование закона, как его указали наши сотрудники: ведётся налоговая проверка; храним пока действует эта обязанность.",
    );
    expect(notice.text).not.toContain("identity");
  });
});
