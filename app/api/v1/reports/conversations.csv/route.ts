// SPEC §7: one row per conversation created in the period, streamed as text/csv.
// Managers only (401 without a session, 403 for agents); bad parameters get 400 as JSON.
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { requireManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { toActionError, UserError } from "@/lib/errors";
import { conversationsCsv, csvFileName, parseReportParams } from "@/lib/reports";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, invalid_input: 400 };

export async function GET(request: Request) {
  try {
    const user = await currentUser();
    if (!user) throw new UserError("unauthenticated", "Please sign in again.");
    requireManager(user);
    const db = getDb();
    const filter = await parseReportParams(db, new URL(request.url).searchParams);
    const body = Readable.toWeb(await conversationsCsv(db, filter)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFileName(filter)}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const failure = toActionError(error, "GET /api/v1/reports/conversations.csv");
    return Response.json(failure, { status: STATUS[failure.error.code] ?? 500 });
  }
}
