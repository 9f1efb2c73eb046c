import { describe, expect, it } from "vitest";
import { dataOf, startTestGateway } from "../../test/harness.ts";
import { localised } from "./localised-text.ts";

describe("the catalogue's texts in Russian and English", () => {
  it("serves the seed's Russian names and descriptions of purposes and cookie categories, and English without a language", async () => {
    await using gateway = await startTestGateway("pglite");
    const query = `query ($language: String) {
      purposes { key name(language: $language) description(language: $language) }
      cookieCategories { key name(language: $language) }
    }`;
    const russian = await gateway.execute(query, { language: "ru-RU" });
    const english = await gateway.execute(query, {});
    const byKey = (response: typeof russian, field: "purposes" | "cookieCategories") =>
      Object.fromEntries(dataOf<{ key: string; name: string }[]>(response, field).map(({ key, name }) => [key, name]));
    expect(byKey(russian, "purposes").marketing).toBe("Маркетинг, реклама и коммуникации");
    expect(byKey(english, "purposes").marketing).toBe("Marketing, advertising and communications");
    expect(byKey(russian, "cookieCategories")).toEqual({
      strictly_necessary: "Строго необходимые",
      functional: "Функциональные",
      analytics: "Аналитические",
      advertising: "Рекламные",
    });
    // Every seeded entry has both languages, so a Russian banner never shows an English line.
    const descriptions = dataOf<{ description: string }[]>(russian, "purposes").map(({ description }) => description);
    expect(descriptions.every((text) => /[а-яё]/i.test(text))).toBe(true);
    // And Chinese (issue 29), for the company's own staff: every entry, names and descriptions.
    const chinese = await gateway.execute(query, { language: "zh-CN" });
    expect(byKey(chinese, "cookieCategories")).toEqual({
      strictly_necessary: "严格必要",
      functional: "功能性",
      analytics: "分析",
      advertising: "广告",
    });
    const texts = dataOf<{ name: string; description: string }[]>(chinese, "purposes").flatMap(({ name, description }) => [
      name,
      description,
    ]);
    expect(texts.every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
  });

  it("falls back to English where no Russian text was written, and for other languages", () => {
    const row = {
      ...{ name: "Analytics", description: "Count visits.", nameRu: null, descriptionRu: "Считают посещения." },
      ...{ nameZh: "分析", descriptionZh: null },
    };
    expect([
      localised(row, "name", "ru"),
      localised(row, "description", "RU"),
      localised(row, "description", "de"),
      localised(row, "name", "zh-CN"),
      localised(row, "description", "zh"),
    ]).toEqual(["Analytics", "Считают посещения.", "Count visits.", "分析", "Count visits."]);
  });
});
