import { describe, expect, it } from "vitest";
import { noticeLanguage, noticeText } from "./notice-text.ts";

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
