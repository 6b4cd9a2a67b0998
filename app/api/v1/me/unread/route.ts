// GET /api/v1/me/unread — per tab, the open conversations with customer messages the
// signed-in user has not seen (the app shell's title count on every page).
import { readUnread } from "@/lib/inbox/inbox-reads";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "signed-in" }, ({ db, user }) => readUnread(db, user));
