// GET /api/v1/conversations/:id/templates (?refresh=1) — the approved templates of the
// conversation's number; POST { name, language, parameters } — send one.
import { readJsonBody } from "@/lib/http/read-json";
import { sendTemplateAnnounced } from "@/lib/realtime/announced-commands";
import { graphConfigFromEnv } from "@/lib/whatsapp";
import { listTemplates, type TemplateSendInput } from "@/lib/whatsapp/templates";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, query }) => ({
  ok: true,
  ...(await listTemplates(db, user, params.id, graphConfigFromEnv(), { refresh: query.refresh === "1" })),
}));

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const input = (await readJsonBody(request)) as Omit<TemplateSendInput, "conversationId">;
  const { messageId } = await sendTemplateAnnounced(db, user, { ...input, conversationId: params.id }, graphConfigFromEnv());
  return { ok: true, messageId };
});
