// What people type, checked before it reaches PostgreSQL or WhatsApp (issue 11 §10):
// control characters (U+0000 above all, which PostgreSQL refuses) are refused with a
// clear message rather than failing deep down; text made only of invisible characters
// counts as empty; numbers typed as text are decimal digits only.
import { z } from "zod";

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Line breaks are control characters too in a one-line field (a name, a search).
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// Characters that show nothing: zero-width space/joiners, word joiner, BOM, soft hyphen,
// Mongolian vowel separator, invisible operators, Hangul fillers, and all whitespace.
const INVISIBLE = /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/gu;

export const CONTROL_MESSAGE_KEY = "input.invalid.control";

export function hasControlCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? CONTROL : CONTROL_ONE_LINE).test(text);
}

/** True when nothing visible remains once whitespace and zero-width characters are removed. */
export function isVisiblyEmpty(text: string): boolean {
  return text.replace(INVISIBLE, "").length === 0;
}

/** A zod refinement: no control characters (catalog key as the message). */
export function withoutControlCharacters<S extends z.ZodType<string | null | undefined>>(schema: S, options: { multiline?: boolean; message?: string } = {}) {
  return schema.refine((value) => typeof value !== "string" || !hasControlCharacters(value, options), options.message ?? CONTROL_MESSAGE_KEY);
}

/** A whole number written with decimal digits only ("0x10", "0b11", "1e3", "1.0", " 1 2" are not). */
export function parseDecimalInteger(value: string): number | null {
  const text = value.trim();
  if (!/^[0-9]{1,15}$/.test(text)) return null;
  return Number.parseInt(text, 10);
}

/**
 * For numbers that arrive as text (forms, query strings): a string must be decimal
 * digits; anything else is left as is for the number schema to refuse.
 */
export function strictNumberFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return parseDecimalInteger(value) ?? value;
}
