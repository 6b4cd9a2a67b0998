// GET /api/v1/media/:id — a message's file (photo, voice note, video, document), with range requests.
import { serveMedia } from "@/lib/media/serve-media";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "signed-in" }, ({ db, user, params, request, query }) =>
  serveMedia(db, user, params.id, { range: request.headers.get("range"), download: query.download === "1" }),
);
