import { RequestType } from "@custos/db/enums";
import { describe, expect, it } from "vitest";
import { StoredJsonError } from "../ground/stored-json.ts";
import { NOTICE_LANGUAGES, NOTICE_TEMPLATES, noticeLanguage, noticeText } from "./notice-text.ts";

const options = { publicUrl: "https://privacy.shop.example" };
const controller = { name: "Shenzhen Huatuomingtonggong Technology Co., Ltd.", email: "privacy@shop.example" };
const completion = {
  requestType: "ACCESS",
  searched: ["orders"],
  downloadPath: "/exports/requests/r-1?token=cre_x",
  downloadExpiresAt: "2026-12-08T10:00:00.000Z",
  authority: { name: "Roskomnadzor", website: "https://rkn.gov.ru" },
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

  it("tell the person what a legal hold keeps and why", () => {
    const kept = noticeText(
      "request.completion",
      { requestType: "ERASURE", searched: [], kept: [{ category: "orders", reason: "tax law" }] },
      options,
    );
    expect(kept.text).toContain("(orders): tax law");
  });

  it("name every request type in every notice language", () => {
    for (const language of NOTICE_LANGUAGES) {
      const named = Object.values(RequestType).map((requestType) => {
        const payload = { requestType, noticeLanguage: language, dueAt: "2026-12-24" };
        const [received = ""] = noticeText("request.acknowledgement", payload, options).text.split("\n");
        const [answered = ""] = noticeText("request.completion", payload, options).text.split("\n");
        // A missing phrase leaves two spaces where the type's name goes ("your request  and", "запрос  и").
        expect(received, `${language} ${requestType}`).not.toMatch(/ {2}|request and|запрос и/);
        expect(answered, `${language} ${requestType}`).not.toMatch(/ {2}|request\.|запрос\./);
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
