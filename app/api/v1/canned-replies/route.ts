// GET /api/v1/canned-replies — managers every canned reply; agents the global ones and their groups'.
// POST { groupId?, shortcut, body } — a new one (managers; 201), global when groupId is absent or null.
import { cannedReplyBody } from "@/lib/api/action-bodies";
import { readStrictBody } from "@/lib/api/schemas";
import { listMyCannedReplies } from "@/lib/canned-replies/canned-replies";
import { createCannedReplyAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user }) => listMyCannedReplies(db, user));

export const POST = apiRoute({ role: "manager", created: true }, async ({ db, user, request }) => (await createCannedReplyAnnounced(db, user, await readStrictBody(request, cannedReplyBody))).reply);
