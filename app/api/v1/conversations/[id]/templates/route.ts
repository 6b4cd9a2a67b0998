// GET /api/v1/conversations/:id/templates (?refresh=1) — the approved templates of the
// conversation's number; POST { name, language, parameters } — send one.
import { readStrictBody, templateBody } from "@/lib/api/schemas";
import { sendTemplateAnnounced } from "@/lib/realtime/announced-commands";
import { graphConfigFromEnv } from "@/lib/whatsapp";
import { listTemplates } from "@/lib/whatsapp/templates";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, query }) => ({
  ok: true,
  ...(await listTemplates(db, user, params.id, graphConfigFromEnv(), { refresh: query.refresh === "1" })),
}));

export const POST = apiRoute<{ id: string }>({ role: "signed-in", created: true }, async ({ db, user, params, request }) => {
  const input = await readStrictBody(request, templateBody);
  const { messageId } = await sendTemplateAnnounced(db, user, { ...input, conversationId: params.id }, graphConfigFromEnv());
  return { ok: true, messageId };
});
