// POST /api/v1/me/mentions/read { conversationId? } — your mentions of that conversation, or
// all of them (no body, or {}), become read. Only your own mentions change.
import { markMentionsBody, readOptionalStrictBody } from "@/lib/api/action-bodies";
import { markMentionsReadAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ role: "signed-in" }, async ({ db, user, request }) => markMentionsReadAnnounced(db, user, await readOptionalStrictBody(request, markMentionsBody)));
