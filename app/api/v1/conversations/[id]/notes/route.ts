// POST /api/v1/conversations/:id/notes { text, mentions? } — a private note (201): whoever may
// see the conversation; never sent to WhatsApp; a mention reaches only those who may see it
// and whose @Name is in the text, as in the app (lib/notes/add-note.ts).
import { noteBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { parseId } from "@/lib/errors";
import { addNoteAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in", created: true }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { text, mentions } = await readStrictBody(request, noteBody);
  return addNoteAnnounced(db, user, { conversationId, body: text, mentions });
});
