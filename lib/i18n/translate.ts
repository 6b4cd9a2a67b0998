// A message catalog per area of the product (messages/*.ts), each with English as the
// source of keys and Brazilian Portuguese alongside; `{name}` placeholders.
import type { Locale } from "./locales";
import { catalog, type MessageKey } from "./messages";

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template: string = catalog[locale][key] ?? catalog.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };
