import { describe, expect, it } from "vitest";
import { entryMenuSchema, foldAnswer, matchMenuAnswer, menuMessage } from "./entry-menu";

const menu = (labels: string[], extra: Record<string, unknown> = {}) => ({
  question: "Com quem?",
  options: labels.map((label, i) => ({ label, groupId: i + 1 })),
  defaultGroupId: 1,
  ...extra,
});
const issues = (input: unknown) => {
  const parsed = entryMenuSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("entry menu", () => {
  it("validates Meta's limits with clear messages", () => {
    expect(issues(menu(["Vendas", "Suporte"]))).toEqual([]);
    expect(entryMenuSchema.parse(menu(["Vendas", "Suporte"]))).toMatchObject({ timeoutMinutes: 10, textOnly: false });
    expect(issues(menu(["Vendas"]))).toEqual(["routing.invalid.optionCount"]);
    expect(issues(menu(Array.from({ length: 11 }, (_, i) => `Opção ${i}`)))).toEqual(["routing.invalid.optionCount"]);
    // 21 characters: too long for a button (≤ 3 options), fine for a list row (≤ 24).
    expect(issues(menu(["Atendimento comercial", "Suporte"]))).toEqual(["routing.invalid.buttonTitle"]);
    expect(issues(menu(["Atendimento comercial", "Suporte", "Financeiro", "Compras"]))).toEqual([]);
    expect(issues(menu(["Atendimento comercial e vendas", "Suporte", "Financeiro", "Compras"]))).toEqual(["routing.invalid.rowTitle"]);
    // Numbered text has no such limit.
    expect(issues(menu(["Atendimento comercial e vendas", "Suporte"], { textOnly: true }))).toEqual([]);
    expect(issues(menu(["Suporte", "SUPORTE"]))).toEqual(["routing.invalid.duplicateLabel"]);
    expect(issues(menu(["Vendas", "Suporte"], { question: " " }))).toEqual(["routing.invalid.question"]);
    expect(issues(menu(["Vendas", "Suporte"], { timeoutMinutes: 0 }))).toEqual(["routing.invalid.timeout"]);
  });

  it("builds buttons up to three options, a list up to ten, numbered text when asked", () => {
    const parsed = (labels: string[], extra = {}) => entryMenuSchema.parse(menu(labels, extra));
    expect(menuMessage(parsed(["A", "B", "C"]), "Menu")).toMatchObject({ type: "interactive", interactive: { type: "button" } });
    expect(menuMessage(parsed(["A", "B", "C", "D"]), "Menu")).toMatchObject({ type: "interactive", interactive: { type: "list", action: { button: "Menu" } } });
    expect(menuMessage(parsed(["A", "B"], { textOnly: true }), "Menu")).toEqual({ type: "text", body: "Com quem?\n\n1. A\n2. B" });
    // Asked again: "didn't understand" first, in the menu's language (Portuguese unless set).
    expect(menuMessage(parsed(["A", "B"], { textOnly: true }), "Menu", { again: true })).toEqual({ type: "text", body: "Não entendi sua resposta.\nCom quem?\n\n1. A\n2. B" });
    expect(menuMessage(parsed(["A", "B"], { textOnly: true, language: "en" }), "Menu", { again: true }).body).toMatch(/^Sorry, I didn't understand your answer\.\nCom quem\?/);
  });

  it("matches a reply id, a number, or a label without accents or case", () => {
    const m = entryMenuSchema.parse(menu(["Vendas", "Suporte técnico", "Financeiro"]));
    expect(matchMenuAnswer(m, { reply: { kind: "button_reply", id: "route_2", title: "Suporte técnico" } })).toEqual({ index: 1, via: "button" });
    expect(matchMenuAnswer(m, { reply: { kind: "list_reply", id: "route_3", title: "Financeiro" } })).toEqual({ index: 2, via: "list" });
    expect(matchMenuAnswer(m, { text: "2." })).toEqual({ index: 1, via: "number" });
    expect(matchMenuAnswer(m, { text: "4" })).toBeNull();
    expect(matchMenuAnswer(m, { text: "  suporte TECNICO " })).toEqual({ index: 1, via: "label" });
    // A word only one label has is enough; a word of two labels, or words naming two options, is not.
    expect(matchMenuAnswer(m, { text: "suporte" })).toEqual({ index: 1, via: "word" });
    expect(matchMenuAnswer(m, { text: "quero o financeiro" })).toEqual({ index: 2, via: "word" });
    expect(matchMenuAnswer(m, { text: "vendas ou financeiro" })).toBeNull();
    const two = entryMenuSchema.parse(menu(["Suporte técnico", "Suporte financeiro"]));
    expect(matchMenuAnswer(two, { text: "suporte" })).toBeNull();
    expect(matchMenuAnswer(two, { text: "Suporte Tecnico, por favor" })).toEqual({ index: 0, via: "word" });
    expect(foldAnswer("Ação  Única")).toBe("acao unica");
  });
});
