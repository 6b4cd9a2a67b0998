// A channel's entry menu (docs/behaviour.md#entry-menu): what a manager may save, what WhatsApp is sent
// (Meta's interactive `button` up to 3 options, `list` up to 10, or numbered text), and
// which option an answer names. Pure and importable by the browser (the live preview).
import { z } from "zod";
import type { EntryMenu, MenuLanguage } from "@/db/schema";
import { PRIORITIES } from "@/lib/service-levels/sla-state";

/** Meta's limits: reply button titles 20 characters, list row titles 24, body 1024, the list's button 20. */
export const MENU_LIMITS = { question: 1024, buttonTitle: 20, rowTitle: 24, minOptions: 2, maxOptions: 10, maxButtons: 3 } as const;
export const DEFAULT_MENU_TIMEOUT_MINUTES = 10;
export const MENU_LANGUAGES = ["pt-BR", "en"] as const satisfies readonly MenuLanguage[];

/**
 * What the contact reads, in the menu's language (not the manager's interface): the line
 * before the question asked again, and the question a new menu starts with.
 */
export const MENU_WORDING: Record<MenuLanguage, { notUnderstood: string; defaultQuestion: string }> = {
  "pt-BR": { notUnderstood: "Não entendi sua resposta.", defaultQuestion: "Olá! Com quem você gostaria de falar?" },
  en: { notUnderstood: "Sorry, I didn't understand your answer.", defaultQuestion: "Hi! Who would you like to talk to?" },
};

const groupId = z.number({ error: "routing.invalid.group" }).int("routing.invalid.group").positive("routing.invalid.group").max(2_147_483_647, "routing.invalid.group");

const menuOption = z.object({
  label: z.string({ error: "routing.invalid.label" }).trim().min(1, "routing.invalid.label"),
  groupId,
  priority: z.enum(PRIORITIES, { error: "routing.invalid.priority" }).optional(),
});

function menuFields(option: typeof menuOption) {
  return {
    question: z
      .string({ error: "routing.invalid.question" })
      .trim()
      .min(1, "routing.invalid.question")
      .max(MENU_LIMITS.question, "routing.invalid.questionTooLong"),
    options: z
      .array(option)
      .min(MENU_LIMITS.minOptions, "routing.invalid.optionCount")
      .max(MENU_LIMITS.maxOptions, "routing.invalid.optionCount"),
    defaultGroupId: groupId,
    timeoutMinutes: z
      .number({ error: "routing.invalid.timeout" })
      .int("routing.invalid.timeout")
      .min(1, "routing.invalid.timeout")
      .max(1440, "routing.invalid.timeout")
      .default(DEFAULT_MENU_TIMEOUT_MINUTES),
    textOnly: z.boolean().default(false),
    language: z.enum(MENU_LANGUAGES, { error: "routing.invalid.language" }).default("pt-BR"),
  };
}

type MenuDraft = { textOnly: boolean; options: { label: string }[] };

function refineMenu(menu: MenuDraft, ctx: z.RefinementCtx) {
  // A button title is at most 20 characters, a list row's 24: which applies depends on the count.
  const max = menu.textOnly ? Infinity : menu.options.length <= MENU_LIMITS.maxButtons ? MENU_LIMITS.buttonTitle : MENU_LIMITS.rowTitle;
  menu.options.forEach((option, index) => {
    if (option.label.length > max) {
      ctx.addIssue({ code: "custom", path: ["options", index, "label"], message: max === MENU_LIMITS.buttonTitle ? "routing.invalid.buttonTitle" : "routing.invalid.rowTitle" });
    }
  });
  const folded = menu.options.map((o) => foldAnswer(o.label));
  folded.forEach((label, index) => {
    if (folded.indexOf(label) !== index) ctx.addIssue({ code: "custom", path: ["options", index, "label"], message: "routing.invalid.duplicateLabel" });
  });
}

export const entryMenuSchema = z.object(menuFields(menuOption)).superRefine(refineMenu);

/** The API's (lib/api/action-bodies.ts): a field it does not know, at any depth, is refused naming it. */
export const strictEntryMenuSchema = z.strictObject(menuFields(menuOption.strict())).superRefine(refineMenu);

/** The id of option n (1-based) in the interactive reply. */
export const optionId = (n: number) => `route_${n}`;

export type MenuContent =
  | { type: "text"; body: string }
  | { type: "interactive"; body: string; interactive: Record<string, unknown> };

/**
 * What WhatsApp is sent, in Meta's request format (the `interactive` object of POST
 * /{phone-number-id}/messages). `listButton` is the list's button text, in the
 * channel's language.
 */
export function menuMessage(menu: EntryMenu, listButton: string, options: { again?: boolean } = {}): MenuContent {
  // Asked again: first say that the answer was not understood (docs/behaviour.md#entry-menu).
  const question = options.again ? `${MENU_WORDING[menu.language ?? "pt-BR"].notUnderstood}\n${menu.question}` : menu.question;
  const numbered = [question, "", ...menu.options.map((o, i) => `${i + 1}. ${o.label}`)].join("\n");
  if (menu.textOnly) return { type: "text", body: numbered };
  if (menu.options.length <= MENU_LIMITS.maxButtons) {
    return {
      type: "interactive",
      body: numbered,
      interactive: {
        type: "button",
        body: { text: question },
        action: { buttons: menu.options.map((o, i) => ({ type: "reply", reply: { id: optionId(i + 1), title: o.label } })) },
      },
    };
  }
  return {
    type: "interactive",
    body: numbered,
    interactive: {
      type: "list",
      body: { text: question },
      action: {
        button: listButton.slice(0, MENU_LIMITS.buttonTitle),
        sections: [{ rows: menu.options.map((o, i) => ({ id: optionId(i + 1), title: o.label })) }],
      },
    },
  };
}

/** Lower case, no accents, single spaces: "  SUPORTE técnico " and "suporte tecnico" are one answer. */
export function foldAnswer(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export type MenuAnswer = {
  /** The message's reply (interactive) or text. */
  reply?: { kind: string; id?: string; title: string } | null;
  text?: string | null;
};

export type MenuChoice = { index: number; via: "button" | "list" | "number" | "label" | "word" };

/** Words too short to tell options apart ("de", "e", "o"). */
const MIN_WORD = 3;
const wordsOf = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= MIN_WORD);

/** The option an answer names, or null. */
export function matchMenuAnswer(menu: EntryMenu, answer: MenuAnswer): MenuChoice | null {
  const byNumber = (n: number) => (Number.isInteger(n) && n >= 1 && n <= menu.options.length ? n - 1 : null);
  if (answer.reply?.id) {
    const match = /^route_(\d+)$/.exec(answer.reply.id);
    const index = match ? byNumber(Number(match[1])) : null;
    if (index !== null) return { index, via: answer.reply.kind === "list_reply" ? "list" : "button" };
  }
  const text = foldAnswer(answer.reply?.title ?? answer.text ?? "");
  if (!text) return null;
  // "2", "2.", "2)" or "#2".
  const number = /^#?(\d{1,2})[.)]?$/.exec(text);
  if (number) {
    const index = byNumber(Number(number[1]));
    return index === null ? null : { index, via: "number" };
  }
  const index = menu.options.findIndex((o) => foldAnswer(o.label) === text);
  if (index !== -1) return { index, via: "label" };
  // A word that only one option's label has: "suporte" (or "quero suporte") picks
  // "Suporte técnico"; words of several labels tell nothing, and words pointing at two
  // different options are no answer.
  const owners = new Map<string, Set<number>>();
  menu.options.forEach((o, i) => {
    for (const word of wordsOf(foldAnswer(o.label))) owners.set(word, (owners.get(word) ?? new Set()).add(i));
  });
  const named = new Set(
    wordsOf(text).flatMap((word) => {
      const options = owners.get(word);
      return options?.size === 1 ? [...options] : [];
    }),
  );
  return named.size === 1 ? { index: [...named][0]!, via: "word" } : null;
}
