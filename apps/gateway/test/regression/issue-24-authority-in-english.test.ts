// Issue 24: a refusal to a Russian customer read «Вы вправе обратиться в Roskomnadzor (Federal Service for Supervision
// of Communications, ...)»: the authority in English inside a Russian sentence, no legal ground, no right to go to court,
// the complaint address never printed. Austria got «The data-protection authority of your EU/EEA country», Germany the
// federal commissioner (not competent for companies), Belarus no authority at all.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";
import { readNotice } from "../notice-reader.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }";
const REJECT = "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status refusalGround rejectionReason } }";

describe("a refusal's rights", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  /** A question refused by staff on a ground, as the person reads the refusal. */
  const refuse = async (jurisdiction: string, language: string, refusalGround: string, reason?: string) => {
    const contactEmail = `${jurisdiction.toLowerCase()}-${language}@example.com`;
    const { request } = dataOf<{ request: { id: string } }>(
      await gateway.execute(SUBMIT, { input: { type: "QUESTION", jurisdiction, contactEmail, language } }),
      "submitRequest",
    );
    const refused = await gateway.asStaff(REJECT, { input: { id: request.id, to: "REJECTED", refusalGround, reason } });
    expect(refused.data?.transitionRequest).toMatchObject({ status: "REJECTED", refusalGround });
    return (await readNotice(gateway, contactEmail, "request.rejection")).text;
  };

  it("names Roskomnadzor in Russian, with the complaint page, the ground cited and the right to go to court", async () => {
    const text = await refuse("RU", "ru", "RU_152_ART_14_8_ITEM_4_THIRD_PARTIES");
    expect(text).toContain(
      "Основание отказа: доступ к данным нарушит права и законные интересы третьих лиц (пункт 4 части 8 статьи 14 Федерального закона № 152-ФЗ).",
    );
    expect(text).toContain(
      "вы вправе обратиться с жалобой в Федеральную службу по надзору в сфере связи, информационных технологий и массовых коммуникаций (Роскомнадзор): https://rkn.gov.ru/treatments/ask-question/.",
    );
    expect(text).toContain("Почтовый адрес: 109992, г. Москва, Китайгородский проезд, д. 7, стр. 2.");
    expect(text).toContain("Вы также вправе обжаловать наши действия или бездействие в суде (статья 17 Федерального закона");
    expect(text).not.toMatch(/Federal Service|Roskomnadzor|Kitaygorodsky/);
  });

  it("names an EEA country's own authority, Germany's Land authority, and the ICO in either language", async () => {
    const austria = await refuse("AT", "ru", "GDPR_ART_12_5_MANIFESTLY_UNFOUNDED", "Вопрос не касается ваших данных.");
    expect(austria).toContain("обратиться с жалобой в Управление по защите данных Австрии (Datenschutzbehörde): https://www.dsb.gv.at.");
    expect(austria).toContain("Основание отказа: запрос явно необоснован (подпункт «b» пункта 5 статьи 12 GDPR).");
    expect(austria).toContain("Пояснение сотрудников: Вопрос не касается ваших данных.");
    expect(austria).toContain("(статья 79 и пункт 4 статьи 12 GDPR)");
    expect(austria).not.toContain("EU/EEA");

    const germany = await refuse("DE", "en", "IDENTITY_NOT_VERIFIED");
    // The API names the same authority as the notice (P11: the escalation's answer names where to complain).
    const query =
      "query ($jurisdiction: String) { privacyRequests(first: 1, jurisdiction: $jurisdiction) { edges { node { authority { jurisdiction name website } } } } }";
    const named = async (jurisdiction: string) =>
      dataOf<{ edges: { node: { authority: unknown } }[] }>(await gateway.asStaff(query, { jurisdiction }), "privacyRequests").edges[0]
        ?.node.authority;
    expect(await named("DE")).toEqual({
      jurisdiction: "DE",
      name: "Data-protection supervisory authority of the German federal state (Land) you live in (list of Land authorities)",
      website: "https://www.datenschutzkonferenz-online.de/datenschutzaufsichtsbehoerden.html",
    });
    expect(await named("AT")).toMatchObject({ jurisdiction: "AT", name: "Austrian Data Protection Authority (Datenschutzbehörde)" });
    expect(germany).toContain(
      "complain to the data-protection supervisory authority of the German federal state (Land) you live in (list of Land authorities): https://www.datenschutzkonferenz-online.de/datenschutzaufsichtsbehoerden.html.",
    );
    expect(germany).not.toMatch(/Bundesbeauftragte|BfDI|bfdi/);

    expect(await refuse("GB", "ru", "IDENTITY_NOT_VERIFIED")).toContain(
      "в Управление комиссара по информации Великобритании (ICO): https://ico.org.uk/make-a-complaint/.",
    );
    expect(await refuse("GB", "en", "GDPR_ART_12_5_EXCESSIVE", "The same request, daily, for a month.")).toContain(
      "complain to the Information Commissioner's Office (ICO): https://ico.org.uk/make-a-complaint/.",
    );
  });

  // A British refusal cited "GDPR Art. 12(5)(b)", the EU's regulation, to a person under the UK GDPR.
  it("cites the UK GDPR to a British person, in either language, and never the EU's GDPR", async () => {
    const english = await refuse("GB", "en", "GDPR_ART_12_5_EXCESSIVE", "The same request, daily, for a month.");
    expect(english).toContain(
      "Legal ground: the request is excessive, in particular because of its repetitive character (UK GDPR Art. 12(5)(b)).",
    );
    expect(english).toContain("you may take us to court (UK GDPR Art. 79).");
    const russian = await refuse("GB", "ru", "GDPR_ART_17_3_B_LEGAL_OBLIGATION");
    expect(russian).toContain(
      "Основание отказа: мы обязаны хранить данные для исполнения обязанности по праву Великобритании (подпункт «b» пункта 3 статьи 17 UK GDPR).",
    );
    expect(russian).toContain("(статья 79 UK GDPR)");
    for (const text of [english, russian]) expect(text).not.toMatch(/(?<!UK )GDPR/);
  });

  it("tells a person in a country with no listed authority that they may still complain there and go to court", async () => {
    const text = await refuse("BY", "ru", "OTHER_LEGAL_GROUND", "Запрос касается данных другого лица.");
    expect(text).toContain("вы вправе обратиться с жалобой в орган по защите персональных данных вашей страны.");
    expect(text).toContain("Вы также вправе обратиться в суд.");
    expect(text).toContain(
      "Основание отказа: правовое основание, названное в пояснении ниже.\nПояснение сотрудников: Запрос касается данных другого лица.",
    );
  });

  it("refuses a ground of another law, or one that needs staff's explanation without it, and writes nothing", async () => {
    const contactEmail = "refused-twice@example.com";
    const { request } = dataOf<{ request: { id: string } }>(
      await gateway.execute(SUBMIT, { input: { type: "QUESTION", jurisdiction: "RU", contactEmail } }),
      "submitRequest",
    );
    const foreign = await gateway.asStaff(REJECT, { input: { id: request.id, to: "REJECTED", refusalGround: "CCPA_105_D_2_SECURITY" } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("REFUSAL_GROUND_NOT_APPLICABLE");
    const unexplained = await gateway.asStaff(REJECT, { input: { id: request.id, to: "REJECTED", refusalGround: "OTHER_LEGAL_GROUND" } });
    expect(unexplained.errors?.[0]?.extensions?.code).toBe("REASON_REQUIRED");
    const forged = await gateway.execute(REJECT, { input: { id: request.id, to: "REJECTED", refusalGround: "IDENTITY_NOT_VERIFIED" } });
    expect(forged.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await gateway.asStaff(REJECT, { input: { id: request.id, to: "REJECTED", refusalGround: "BECAUSE" } });
    expect(unknown.status).toBe(400);
    const row = await gateway.database.prisma.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", refusalGround: null, rejectionReason: null });
    expect(await gateway.database.prisma.outboxMessage.count({ where: { recipient: contactEmail, template: "request.rejection" } })).toBe(
      0,
    );
  });
});
