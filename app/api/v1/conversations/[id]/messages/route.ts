// GET /api/v1/conversations/:id/messages?before= — the thread, oldest first: the latest
// page, or the page of older messages before the message id `before`.
// POST { text } — reply (the assignee or a manager): 201; Idempotency-Key honoured.
import { replyBody } from "@/lib/api/schemas";
import { parseId, parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { readThread } from "@/lib/inbox/inbox-reads";
import { replyAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params, query }) => readThread(db, user, params.id, query));

export const POST = apiRoute<{ id: string }>({ role: "signed-in", idempotent: true, created: true }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { text } = parseInput(replyBody, await readJsonObject(request));
  return replyAnnounced(db, user, { conversationId, body: text });
});
