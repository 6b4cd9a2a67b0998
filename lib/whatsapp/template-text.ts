// A message template as the inbox shows it, and its body filled in: browser-safe, so the
// reply box's preview and the server's stored text are the same function.
export type TemplateView = {
  name: string;
  language: string;
  category: string | null;
  header: string | null;
  body: string;
  footer: string | null;
  /** How many {{n}} the body has: the parameters a send must fill. */
  parameterCount: number;
};

export type TemplateList = { wabaId: string | null; templates: TemplateView[]; fetchedAt: string | null };

/** The {{n}} of a body, highest number: Meta numbers them from 1 without gaps. */
export function parameterCountOf(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/** The body with its parameters filled in (a missing one stays as {{n}}). */
export function renderTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] || whole);
}

