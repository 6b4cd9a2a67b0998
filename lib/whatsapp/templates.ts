// Message templates (docs/behaviour.md#the-inbox "Templates"): once the 24-hour window has closed, an approved
// template is the only message WhatsApp lets a business send first. The channel's
// WhatsApp Business Account lists them (GET /{version}/{waba-id}/message_templates),
// cached in message_templates and refreshed on demand; a send fills the body's {{1}},
// {{2}}… and goes out as `type: "template"`. Sending one reopens nothing: the window
// opens when the contact answers.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { channels, conversations, messageTemplates } from "@/db/schema";
import { requireCanWork, requireConversationAccess, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import { hasControlCharacters } from "@/lib/text-input";
import { accessTokenOf, errorResponseSchema, GraphApiError } from "./graph-api";
import type { GraphConfig } from "./graph-config";
import { loadOutboundTarget, storeAndSend } from "./outbound-message";
import { replyResultOf, type ReplyResult } from "./send-reply";
import { parameterCountOf, renderTemplate, type TemplateList, type TemplateView } from "./template-text";

type Component = Record<string, unknown>;

const textOf = (components: Component[], type: string): string | null => {
  const component = components.find((c) => String(c.type).toUpperCase() === type);
  return typeof component?.text === "string" ? component.text : null;
};

function viewOf(row: { name: string; language: string; category: string | null; components: Component[] }): TemplateView {
  const body = textOf(row.components, "BODY") ?? "";
  const header = row.components.find((c) => String(c.type).toUpperCase() === "HEADER" && String(c.format ?? "TEXT").toUpperCase() === "TEXT");
  return {
    name: row.name,
    language: row.language,
    category: row.category,
    header: typeof header?.text === "string" ? header.text : null,
    body,
    footer: textOf(row.components, "FOOTER"),
    parameterCount: parameterCountOf(body),
  };
}

const templateSchema = z.looseObject({
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.string(),
  category: z.string().optional(),
  components: z.array(z.looseObject({ type: z.string() })).default([]),
});
const listSchema = z.object({ data: z.array(z.unknown()), paging: z.looseObject({ next: z.string().optional() }).optional() });

type TemplateChannel = { phoneNumberId: string; accessTokenEncrypted: string | null; wabaId: string };

/** Fetches the account's approved templates from the Graph API (every page) and replaces the cache. */
export async function refreshTemplates(db: Db, graph: GraphConfig, channel: TemplateChannel): Promise<void> {
  const token = accessTokenOf(channel, graph);
  let url: string | null =
    `${graph.baseUrl.replace(/\/+$/, "")}/${graph.version}/${encodeURIComponent(channel.wabaId)}/message_templates?fields=name,status,language,category,components&limit=100`;
  const approved: z.infer<typeof templateSchema>[] = [];
  for (let page = 0; url && page < 20; page++) {
    const response: Response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(graph.timeoutMs) });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const meta = errorResponseSchema.safeParse(json);
      throw new GraphApiError(meta.success ? meta.data.error : { message: `HTTP ${response.status} from the Graph API` }, response.status, 1);
    }
    const list = listSchema.safeParse(json);
    if (!list.success) throw new GraphApiError({ message: "The Graph API answered the template list without data" }, response.status, 1);
    for (const raw of list.data.data) {
      const template = templateSchema.safeParse(raw);
      if (template.success && template.data.status === "APPROVED") approved.push(template.data);
    }
    url = list.data.paging?.next ?? null;
  }
  await db.transaction(async (tx) => {
    await tx.delete(messageTemplates).where(eq(messageTemplates.wabaId, channel.wabaId));
    if (approved.length > 0) {
      await tx.insert(messageTemplates).values(
        approved.map((t) => ({ wabaId: channel.wabaId, name: t.name, language: t.language, category: t.category ?? null, components: t.components })),
      );
    }
  });
}

async function channelOf(db: Db, conversationId: number) {
  const [row] = await db
    .select({ phoneNumberId: channels.phoneNumberId, accessTokenEncrypted: channels.accessTokenEncrypted, wabaId: channels.wabaId })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.id, conversationId));
  if (!row) throw new UserError("not_found", "This conversation does not exist.");
  return row;
}

const conversationIdSchema = z.coerce.number({ error: "inbox.invalid.conversationId" }).int("inbox.invalid.conversationId").positive("inbox.invalid.conversationId").max(2_147_483_647, "inbox.invalid.conversationId");

/** The approved templates of a conversation's number, from the cache (fetched when empty or asked). */
export async function listTemplates(db: Db, actor: Actor | null, rawConversationId: unknown, graph: GraphConfig, options: { refresh?: boolean } = {}): Promise<TemplateList> {
  const conversationId = parseInput(conversationIdSchema, rawConversationId);
  await requireConversationAccess(db, actor, conversationId);
  const channel = await channelOf(db, conversationId);
  if (!channel.wabaId) return { wabaId: null, templates: [], fetchedAt: null };
  const wabaId = channel.wabaId;
  const cached = () => db.select().from(messageTemplates).where(eq(messageTemplates.wabaId, wabaId)).orderBy(messageTemplates.name, messageTemplates.language);
  let rows = await cached();
  if (options.refresh || rows.length === 0) {
    try {
      await refreshTemplates(db, graph, { ...channel, wabaId });
    } catch (error) {
      // Never a 500 (issue 25 item 7): a number without its token is not set up yet (409); Meta's refusal or silence is 502.
      if (!(error instanceof GraphApiError)) throw error;
      if (error.kind === "token") throw new UserError("not_configured", "This number has no WhatsApp access token yet; a manager must set one.");
      throw new UserError("send_failed", `The Graph API did not list the templates: ${error.message}`, { reason: error.message });
    }
    rows = await cached();
  }
  const fetchedAt = rows.reduce<Date | null>((latest, r) => (!latest || r.fetchedAt > latest ? r.fetchedAt : latest), null);
  return { wabaId, templates: rows.map(viewOf), fetchedAt: fetchedAt?.toISOString() ?? null };
}

export const templateSendSchema = z.object({
  conversationId: conversationIdSchema,
  name: z.string({ error: "template.invalid.unknown" }).min(1, "template.invalid.unknown").max(512, "template.invalid.unknown"),
  language: z.string({ error: "template.invalid.unknown" }).min(1, "template.invalid.unknown").max(16, "template.invalid.unknown"),
  parameters: z
    .array(
      z
        .string({ error: "template.invalid.parameters" })
        .trim()
        .min(1, "template.invalid.parameters")
        .max(1024, "template.invalid.parameters")
        // WhatsApp refuses new lines, tabs and runs of spaces in a parameter.
        .refine((p) => !hasControlCharacters(p, { multiline: false }) && !/\s{4,}/.test(p), "template.invalid.parameters"),
    )
    .max(20, "template.invalid.parameters")
    .default([]),
});
export type TemplateSendInput = z.input<typeof templateSendSchema>;

/** Sends an approved template with its body parameters; allowed whether or not the window is open. */
export async function sendTemplate(db: Db, actor: Actor | null, input: TemplateSendInput, graph: GraphConfig): Promise<ReplyResult & { groupId: number; assigneeId: number | null; conversationId: number }> {
  const { conversationId, name, language, parameters } = parseInput(templateSendSchema, input);
  const conversation = await requireCanWork(db, actor, conversationId);
  const me = actor!;
  const channel = await channelOf(db, conversationId);
  if (!channel.wabaId) throw new UserError("invalid_input", "This number has no WhatsApp Business Account id.", {}, { name: "template.invalid.noWaba" });
  const [template] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.wabaId, channel.wabaId), eq(messageTemplates.name, name), eq(messageTemplates.language, language)));
  if (!template) throw new UserError("invalid_input", `No approved template ${name} (${language}) on this number.`, {}, { name: "template.invalid.unknown" });
  const view = viewOf(template);
  if (parameters.length !== view.parameterCount) {
    throw new UserError("invalid_input", `The template ${name} takes ${view.parameterCount} parameters, not ${parameters.length}.`, {}, { parameters: "template.invalid.parameters" });
  }
  const target = await loadOutboundTarget(db, conversationId);
  if (!target) throw new UserError("not_found", "This conversation does not exist.");
  if (target.status === "closed") throw new UserError("conflict", "This conversation is closed.");

  const result = await storeAndSend(
    db,
    target,
    { authorType: "user", authorUserId: me.id, authorize: true },
    {
      type: "template",
      body: renderTemplate(view.body, parameters),
      payload: { template: { name, language, parameters } },
      content: async () => ({
        type: "template",
        template: {
          name,
          language: { code: language },
          components: parameters.length > 0 ? [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) }] : [],
        },
      }),
    },
    graph,
  );
  const refs = { conversationId, groupId: conversation.groupId, assigneeId: conversation.assigneeId };
  return { ...replyResultOf(result, "template"), ...refs };
}

export const wabaIdSchema = z
  .string({ error: "template.invalid.wabaId" })
  .trim()
  .regex(/^\d{5,20}$/, "template.invalid.wabaId")
  .or(z.literal("").transform(() => null))
  .nullable();
