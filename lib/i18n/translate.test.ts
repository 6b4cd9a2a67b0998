import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locales";
import { catalog } from "./messages";
import { translate } from "./translate";

describe("i18n", () => {
  it("picks the browser's language", () => {
    expect(localeFromAcceptLanguage("pt-BR,pt;q=0.9,en;q=0.8")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("pt")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE,pt;q=0.5")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("fr")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });

  it("fills placeholders", () => {
    expect(translate("pt-BR", "error.already_taken", { name: "Bruno" })).toBe("Bruno já assumiu esta conversa.");
    expect(translate("en", "error.already_taken", { name: "Bruno" })).toBe("Bruno already took this conversation.");
  });

  it("has every key in both languages, none left empty", () => {
    const en = Object.keys(catalog.en).sort();
    expect(Object.keys(catalog["pt-BR"]).sort()).toEqual(en);
    for (const locale of ["en", "pt-BR"] as const) {
      for (const [key, value] of Object.entries(catalog[locale])) expect(value.trim(), `${locale} ${key}`).not.toBe("");
    }
  });
});
