import { RequestType } from "@custos/db/enums";
import { describe, expect, it } from "vitest";
import { StoredJsonError } from "../ground/stored-json.ts";
import { noticeAuthority } from "../requests/competent-authority.ts";
import { DESTRUCTION_ENTRY_TYPE } from "../requests/deadlines/deadline-reminders.ts";
import { REFUSAL_GROUNDS } from "../requests/workflow/refusal-grounds.ts";
import { LEGAL_HOLD_GROUNDS } from "../retention/rules/legal-hold-grounds.ts";
import { NOTICE_CATALOGUES } from "./notice-messages.ts";
import { NOTICE_LANGUAGES, NOTICE_TEMPLATES, noticeLanguage, noticeText } from "./notice-text.ts";

const options = { publicUrl: "https://privacy.shop.example" };
const controller = { name: "Shenzhen Huatuomingtonggong Technology Co., Ltd.", email: "privacy@shop.example" };
const completion = {
  requestType: "ACCESS",
  searched: ["orders"],
  downloadPath: "/exports/requests/r-1?token=cre_x",
  downloadExpiresAt: "2026-12-08T10:00:00.000Z",
  authority: { jurisdiction: "RU", name: "Roskomnadzor", website: "https://rkn.gov.ru" },
  controller,
};

describe("notice texts", () => {
  it("write Russian by default and English for English speakers, in sentences, with an absolute link and the controller", () => {
    const ru = noticeText("request.completion", completion, options);
    expect(ru.subject).toBe("Ваш запрос о персональных данных выполнен");
    expect(ru.text).toContain("Мы проверили наши системы: orders");
    expect(ru.text).toContain("https://privacy.shop.example/exports/requests/r-1?token=cre_x");
    expect(ru.text).toContain("Осуществление ваших прав бесплатно.");
    expect(ru.text).toContain(controller.email);
    expect(ru.text).not.toMatch(/^\w+: /m);

    const en = noticeText("request.completion", { ...completion, noticeLanguage: "en-GB" }, options);
    expect(en.subject).toBe("Your privacy request has been answered");
    expect(en.text).toContain("Download your data: https://privacy.shop.example/exports/requests/r-1?token=cre_x");
  });

  it("write dates as days of the person's time zone, in their language, never ISO", () => {
    // 2026-04-25T06:59:59Z is the end of 24 April in Los Angeles (UTC-7 in April).
    const payload = {
      requestType: "ACCESS",
      timeZone: "America/Los_Angeles",
      receivedAt: "2026-03-10T17:00:00Z",
      dueAt: "2026-04-25T06:59:59.999Z",
    };
    expect(noticeText("request.acknowledgement", { ...payload, noticeLanguage: "en" }, options).text).toContain(
      "will answer by 24 April 2026.",
    );
    const ru = noticeText("request.acknowledgement", { ...payload, dueAt: "2026-10-27T20:59:59.999Z", timeZone: "Europe/Moscow" }, options);
    expect(ru.text).toContain("ответим не позднее 27 октября 2026 г.");
    expect(ru.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("send an HTML part with the same sentences, escaped, and links only to the URLs printed", () => {
    const notice = noticeText(
      "request.completion",
      {
        ...completion,
        requestType: "QUESTION",
        answer: '<script>alert("x")</script> & see https://shop.example/faq. (Or https://shop.example/help?a=1&b=2)',
      },
      options,
    );
    expect(notice.text).toContain('<script>alert("x")</script>');
    expect(notice.html).not.toContain("<script>");
    expect(notice.html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; see");
    expect(notice.html).toContain('<a href="https://shop.example/faq">https://shop.example/faq</a>.');
    expect(notice.html).toContain('(Or <a href="https://shop.example/help?a=1&#38;b=2">https://shop.example/help?a=1&#38;b=2</a>)');
    expect(notice.html).toMatch(/^<!DOCTYPE html><html lang="ru">/);
  });

  it("tell the person what a legal hold keeps, in their words, with the law and the period", () => {
    const payload = {
      requestType: "ERASURE",
      searched: [],
      kept: [
        { category: "orders", categoryName: "Orders and payments", ground: "RU_ACCOUNTING", reason: "tax", until: "2031-12-31T20:59:59Z" },
      ],
      timeZone: "Europe/Moscow",
    };
    const ru = noticeText("request.completion", payload, options).text;
    expect(ru).toContain(
      "– ваши заказы и платежи — основание: статья 29 Федерального закона от 06.12.2011 № 402-ФЗ «О бухгалтерском учёте» (хранение документов бухгалтерского учёта); храним до 31 декабря 2031 г.",
    );
    expect(ru).not.toContain("(orders)");
    const en = noticeText("request.completion", { ...payload, noticeLanguage: "en" }, options).text;
    expect(en).toContain("– your orders and payments — legal ground: Art. 29 of Russian Federal Law No. 402-FZ");
    expect(en).toContain("kept until 31 December 2031.");
  });

  it("name every request type in every notice language", () => {
    for (const language of NOTICE_LANGUAGES) {
      const named = Object.values(RequestType).map((requestType) => {
        const payload = { requestType, noticeLanguage: language, dueAt: "2026-12-24" };
        const [received = ""] = noticeText("request.acknowledgement", payload, options).text.split("\n");
        // A missing phrase leaves two spaces where the type's name goes ("your request  and", "запрос  и").
        expect(received, `${language} ${requestType}`).not.toMatch(/ {2}|request and|запрос и/);
        return received;
      });
      expect(new Set(named).size, language).toBe(Object.values(RequestType).length);
    }
  });

  it("word every notice template in every notice language, never the generic fallback", () => {
    const fallback = new Set(
      NOTICE_LANGUAGES.map((language) => noticeText("no.such-template", { noticeLanguage: language }, options).subject),
    );
    for (const language of NOTICE_LANGUAGES) {
      for (const template of NOTICE_TEMPLATES) {
        expect(fallback.has(noticeText(template, { noticeLanguage: language }, options).subject), `${language} ${template}`).toBe(false);
      }
    }
  });

  it("cite the UK GDPR, never the EU's GDPR, in every sentence with a law that a British request can get", () => {
    // A British refusal cited "GDPR Art. 12(5)(b)": every sentence naming a law needs its British wording.
    const british = { law: "UK_GDPR", jurisdiction: "GB", timeZone: "Europe/London", authority: noticeAuthority("GB") };
    const grounds = Object.entries(REFUSAL_GROUNDS).flatMap(([ground, entry]) =>
      (entry.laws as readonly string[]).some((law) => law === "GB" || law === "ANY") ? [ground] : [],
    );
    const notices = [
      ...grounds.map((refusalGround) => ["request.rejection", { requestType: "ACCESS", refusalGround, reason: "x" }] as const),
      ["request.extension-notice", { requestType: "ACCESS", extendedDueAt: "2027-05-01T22:59:59Z", extensionBasis: "statute" }],
      ["request.escalation-acknowledgement", { requestType: "ACCESS" }],
      ...(["ACCOUNT", "ADDRESS"] as const).map(
        (marketingStopped) => ["request.completion", { requestType: "OBJECTION", searched: [], marketingStopped }] as const,
      ),
      [
        "request.completion",
        {
          requestType: "ERASURE",
          searched: ["orders"],
          kept: Object.keys(LEGAL_HOLD_GROUNDS).map((ground) => ({ category: "orders", ground, reason: "x", until: null })),
        },
      ],
    ] as const;
    for (const language of NOTICE_LANGUAGES) {
      for (const [template, payload] of notices) {
        const { text } = noticeText(template, { ...british, ...payload, noticeLanguage: language }, options);
        expect(text, `${language} ${template} ${JSON.stringify(payload)}`).not.toMatch(/(?<!UK )GDPR|EU law|праву ЕС/);
      }
    }
    const refused = (language: string) =>
      noticeText(
        "request.rejection",
        { ...british, refusalGround: "GDPR_ART_12_5_MANIFESTLY_UNFOUNDED", reason: "x", noticeLanguage: language },
        options,
      ).text;
    expect(refused("en")).toContain("Legal ground: the request is manifestly unfounded (UK GDPR Art. 12(5)(b)).");
    expect(refused("ru")).toContain("Основание отказа: запрос явно необоснован (подпункт «b» пункта 5 статьи 12 UK GDPR).");
    // An EEA request keeps the EU's GDPR.
    const french = { law: "GDPR", jurisdiction: "FR", refusalGround: "GDPR_ART_12_5_EXCESSIVE", reason: "x", noticeLanguage: "en" };
    expect(noticeText("request.rejection", french, options).text).toContain("repetitive character (GDPR Art. 12(5)(b)).");
  });

  it("name every entry of the staff reminder by its label, the destruction after a withdrawal too, never its key", () => {
    const types = [...Object.values(RequestType), DESTRUCTION_ENTRY_TYPE];
    const overdue = types.map((type, index) => ({ id: `r-${index}`, type, dueAt: "2026-11-05T20:59:59.999Z" }));
    for (const language of NOTICE_LANGUAGES) {
      const { text } = noticeText("staff.deadline-reminder", { overdue, overdueCount: overdue.length, noticeLanguage: language }, options);
      for (const type of types) expect(text, `${language} ${type}`).not.toContain(type);
    }
    const destruction = { id: "d-1", type: DESTRUCTION_ENTRY_TYPE, dueAt: "2026-11-05T20:59:59.999Z" };
    expect(noticeText("staff.deadline-reminder", { overdue: [destruction], overdueCount: 1 }, options).text).toContain(
      "Просрочено: Уничтожение данных после отзыва согласия (часть 5 статьи 21 152-ФЗ, 30 дней) d-1, срок 5 ноября 2026 г.",
    );
  });

  it("have the same messages in every catalogue", () => {
    expect(Object.keys(NOTICE_CATALOGUES.en).sort()).toEqual(Object.keys(NOTICE_CATALOGUES.ru).sort());
  });

  it("refuse a payload of another shape instead of printing a wrong value", () => {
    expect(() => noticeText("request.acknowledgement", { requestType: "SURVEY" }, options)).toThrow(StoredJsonError);
    expect(() => noticeText("request.completion", { searched: "orders" }, options)).toThrow("OutboxMessage.payload");
  });

  it("pick the language from a BCP 47 tag", () => {
    expect([noticeLanguage("en"), noticeLanguage("EN-us"), noticeLanguage("ru"), noticeLanguage(null), noticeLanguage("de")]).toEqual([
      "en",
      "en",
      "ru",
      "ru",
      "ru",
    ]);
  });
});
