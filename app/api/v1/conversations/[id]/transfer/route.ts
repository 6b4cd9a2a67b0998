// POST /api/v1/conversations/:id/transfer { userId, groupId?, note? } — to a member of the
// group, or `{ userId: null }` back to the queue; with `groupId`, to another group's member
// or queue; `note` is written in the thread as a private note. Answers the conversation as it now is.
import { transferBody } from "@/lib/api/schemas";
import { parseId, parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { readConversationAfterTransfer } from "@/lib/inbox/inbox-reads";
import { transferAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in" }, async ({ db, user, params, request }) => {
  const conversationId = parseId(params.id, "conversationId");
  const { userId, groupId, note } = parseInput(transferBody, await readJsonObject(request));
  await transferAnnounced(db, user, { conversationId, to: userId === null ? "queue" : { agentId: userId }, groupId, note });
  return readConversationAfterTransfer(db, user, conversationId);
});
