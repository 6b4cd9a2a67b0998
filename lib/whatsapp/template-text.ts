// A message template as the inbox shows it, and its body filled in: browser-safe, so the
// reply box's preview and the server's stored text are the same function. The list's
// shape is declared once as the answer of GET /api/v1/conversations/{id}/templates.
import { z } from "zod";

const templateViewAnswer = z
  .object({
    name: z.string(),
    language: z.string(),
    category: z.string().nullable(),
    header: z.string().nullable(),
    body: z.string(),
    footer: z.string().nullable(),
    parameterCount: z.int().min(0).describe("How many {{n}} the body has: the parameters a send must fill"),
  })
  .meta({ id: "Template" });
export type TemplateView = z.output<typeof templateViewAnswer>;

const templateListShape = {
  wabaId: z.string().nullable().describe("The WhatsApp Business Account of the conversation's number; null: no templates"),
  templates: z.array(templateViewAnswer),
  fetchedAt: z.string().meta({ format: "date-time" }).nullable(),
};
export type TemplateList = z.output<z.ZodObject<typeof templateListShape>>;

/** GET /conversations/{id}/templates. */
export const templateListAnswer = z.object({ ok: z.literal(true), ...templateListShape }).meta({ id: "TemplateList" });

/** The {{n}} of a body, highest number: Meta numbers them from 1 without gaps. */
export function parameterCountOf(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/** The body with its parameters filled in (a missing one stays as {{n}}). */
export function renderTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] || whole);
}

