// Message templates in the fake Graph API, as Meta answers them: GET
// /{version}/{waba-id}/message_templates lists a WhatsApp Business Account's templates
// (approved and not), and a template send is checked against them with Meta's codes
// (132001 unknown template or language, 132000 wrong number of parameters).
import { parameterCountOf } from "@/lib/whatsapp/template-text";

export type FakeTemplate = {
  name: string;
  language: string;
  status: "APPROVED" | "PENDING" | "REJECTED";
  category: "UTILITY" | "MARKETING" | "AUTHENTICATION";
  components: Record<string, unknown>[];
};

export const DEFAULT_TEMPLATES: FakeTemplate[] = [
  {
    name: "retomar_atendimento",
    language: "pt_BR",
    status: "APPROVED",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Olá {{1}}! Aqui é {{2}}, da equipe de atendimento. Podemos continuar a sua conversa?", example: { body_text: [["Maria", "Ana"]] } }],
  },
  {
    name: "pedido_pronto",
    language: "pt_BR",
    status: "APPROVED",
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: "Pedido pronto" },
      { type: "BODY", text: "O pedido {{1}} está pronto para retirada." },
      { type: "FOOTER", text: "Responda para falar com a gente" },
    ],
  },
  {
    name: "follow_up",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Hi {{1}}, do you still need help with your request?" }],
  },
  { name: "promo_black_friday", language: "pt_BR", status: "REJECTED", category: "MARKETING", components: [{ type: "BODY", text: "Descontos!" }] },
];

/** How many {{n}} a template's body has. */
function bodyParameterCount(template: { components: Record<string, unknown>[] }): number {
  const body = template.components.find((c) => String(c.type).toUpperCase() === "BODY");
  return parameterCountOf(typeof body?.text === "string" ? body.text : "");
}

/** Meta's answer to a template send: null when it takes it, else the code it refuses with. */
export function checkTemplateSend(templates: FakeTemplate[], request: Record<string, unknown>): number | null {
  const template = request.template as { name?: unknown; language?: { code?: unknown }; components?: unknown } | undefined;
  if (typeof template?.name !== "string" || typeof template.language?.code !== "string") return 100;
  const known = templates.find((t) => t.name === template.name && t.language === template.language!.code && t.status === "APPROVED");
  if (!known) return 132001;
  const components = Array.isArray(template.components) ? (template.components as { type?: string; parameters?: unknown[] }[]) : [];
  const body = components.find((c) => c.type === "body");
  const given = Array.isArray(body?.parameters) ? body.parameters.length : 0;
  return given === bodyParameterCount(known) ? null : 132000;
}
