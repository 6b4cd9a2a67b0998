// docs/behaviour.md#reports: one row per conversation created in the period, streamed as text/csv.
// Managers only (401 without a session, 403 for agents); bad parameters get 400 as JSON.
import { Readable } from "node:stream";
import { readConversationsCsv } from "@/lib/reports";
import { apiRoute } from "../../../api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "manager" }, async ({ db, user, query }) => {
  const { stream, fileName } = await readConversationsCsv(db, user, query);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
});
