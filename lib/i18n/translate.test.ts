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

  it("chooses plurals by the language's rules", () => {
    expect(translate("en", "team.deactivate.done", { name: "Ana", count: 1 })).toBe("Ana was deactivated; 1 open conversation went back to the queue.");
    expect(translate("en", "team.deactivate.done", { name: "Ana", count: 3 })).toBe("Ana was deactivated; 3 open conversations went back to the queue.");
    expect(translate("pt-BR", "groups.settings.assigned", { count: 1 })).toBe("1 conversa da fila foi atribuída na hora.");
    // Portuguese counts zero as singular; English as plural.
    expect(translate("pt-BR", "groups.settings.assigned", { count: 0 })).toBe("0 conversa da fila foi atribuída na hora.");
    expect(translate("en", "groups.settings.assigned", { count: 0 })).toBe("0 queued conversations were assigned at once.");
  });

  it("has every key in both languages, none left empty", () => {
    const en = Object.keys(catalog.en).sort();
    expect(Object.keys(catalog["pt-BR"]).sort()).toEqual(en);
    for (const locale of ["en", "pt-BR"] as const) {
      for (const [key, value] of Object.entries(catalog[locale])) expect(value.trim(), `${locale} ${key}`).not.toBe("");
    }
  });
});
