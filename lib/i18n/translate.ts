// A message catalog per area of the product (messages/*.ts), each with English as the
// source of keys and Brazilian Portuguese alongside; `{name}` placeholders, and plurals
// chosen by the language's own rules (Intl.PluralRules):
// "{count, plural, one {# open conversation} other {# open conversations}}" (`#` is the number).
import type { Locale } from "./locales";
import { catalog, type MessageKey } from "./messages";

export type Params = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();
const rulesOf = (locale: Locale) => {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
};

// {name, plural, one {…} other {…}}: each case's text may hold {placeholders} (one level).
const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|\w+)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const CASE = /(=\d+|\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

function choosePlurals(locale: Locale, template: string, params: Params): string {
  return template.replace(PLURAL, (whole, name: string, cases: string) => {
    const value = Number(params[name]);
    if (!(name in params) || !Number.isFinite(value)) return whole;
    const options = new Map([...cases.matchAll(CASE)].map((match) => [match[1]!, match[2]!]));
    const chosen = options.get(`=${value}`) ?? options.get(rulesOf(locale).select(value)) ?? options.get("other") ?? whole;
    return chosen.replace(/#/g, String(value));
  });
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template: string = catalog[locale][key] ?? catalog.en[key] ?? key;
  if (!params) return template;
  return choosePlurals(locale, template, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };
