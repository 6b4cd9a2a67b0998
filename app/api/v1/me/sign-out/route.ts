// POST /api/v1/me/sign-out — "Sign out everywhere" from the user menu: every session and API
// token of yours ends, the token of this request included.
import { endOwnSessionsAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ role: "signed-in" }, ({ user }) => endOwnSessionsAnnounced(user));
