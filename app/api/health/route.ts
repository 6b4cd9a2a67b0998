import { sql } from "drizzle-orm";
import { apiRoute } from "../api-route";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when this instance can reach its database. */
export const GET = apiRoute({ role: "public" }, async ({ db }) => {
  try {
    await db.execute(sql`SELECT 1`);
    return { ok: true };
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
});
