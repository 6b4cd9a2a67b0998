// PUT /api/v1/me/status { status } — online, paused or offline, for yourself.
import { statusBody } from "@/lib/api/schemas";
import { parseInput } from "@/lib/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { setOwnStatusAnnounced } from "@/lib/realtime/announced-commands";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const PUT = apiRoute({ role: "signed-in" }, async ({ db, user, request }) => {
  const { status } = parseInput(statusBody, await readJsonObject(request));
  return setOwnStatusAnnounced(db, user, status);
});
