// GET /api/v1/conversations/:id/templates (?refresh=1) — the approved templates of the
// conversation's number; POST { name, language, parameters } — send one.
import { publish } from "@/lib/realtime/publish";
import { readJsonBody } from "@/lib/http/read-json";
import { graphConfigFromEnv } from "@/lib/whatsapp";
import { listTemplates, sendTemplate, type TemplateSendInput } from "@/lib/whatsapp/templates";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, query }) => ({
  ok: true,
  ...(await listTemplates(db, user, params.id, graphConfigFromEnv(), { refresh: query.refresh === "1" })),
}));

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const input = (await readJsonBody(request)) as Omit<TemplateSendInput, "conversationId">;
  const result = await sendTemplate(db, user, { ...input, conversationId: params.id }, graphConfigFromEnv());
  publish({ type: "message.created", conversationId: result.conversationId, groupId: result.groupId, assigneeId: result.assigneeId, messageId: result.messageId, direction: "out" });
  if (!result.sent) throw result.error;
  return { ok: true, messageId: result.messageId };
});
