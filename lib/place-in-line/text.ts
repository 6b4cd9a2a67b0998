// The words of a place-in-line message (docs/behaviour.md#place-in-line): the defaults and the
// placeholders. Pure, so that the settings card previews exactly what is sent.
import type { MenuLanguage } from "@/db/schema";

export const DEFAULT_POSITION_MESSAGES: Record<MenuLanguage, string> = {
  "pt-BR": "Você é o {{position}}º da fila — cerca de {{minutes}} min",
  en: "You are number {{position}} in line — about {{minutes}} min",
};

/** The group's text in that language (its default when none is set), with the figures in place. */
export function positionMessage(template: string | null | undefined, language: MenuLanguage, position: number, minutes: number): string {
  const text = template?.trim() ? template : DEFAULT_POSITION_MESSAGES[language];
  return text.replace(/\{\{\s*position\s*\}\}/g, String(position)).replace(/\{\{\s*minutes\s*\}\}/g, String(minutes));
}

