// received: conversations created in the period (docs/behaviour.md#reports), in total, per assignee, and per
// UTC quarter hour placed in the report's time zone — one scan that the arrivals heatmap
// and the volume over time are read from too.
import type { Db } from "@/db/client";
import { at, conversationScope, quarterHour, quarterPlace, reportRead, type QuarterRow, type ReportFilter } from "./filter";

type Row = { agentId: number | null; isQuarter: number; n: number; weekday: number | null; hour: number | null; bucket: string | null };

export type Arrivals = { received: number; byAgent: Map<number, number>; quarters: QuarterRow[] };

export async function receivedCounts(db: Db, filter: ReportFilter): Promise<Arrivals> {
  const rows = await reportRead(db, (sql) => sql<Row[]>`
    SELECT g."agentId", g."isQuarter", g.n, ${quarterPlace(sql, filter, sql`g.quarter`)}
      FROM (SELECT x.agent AS "agentId", x.quarter, GROUPING(x.agent) AS "isQuarter", count(*)::int AS n
              FROM (SELECT c.assignee_id AS agent, ${quarterHour(sql, sql`c.created_at`)} AS quarter
                      FROM conversations c
                     WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}) x
             GROUP BY GROUPING SETS ((x.agent), (x.quarter))) g`);
  const byAgent = new Map<number, number>();
  const quarters: QuarterRow[] = [];
  let received = 0;
  for (const row of rows) {
    if (row.isQuarter === 1) {
      received += row.n;
      quarters.push({ weekday: row.weekday!, hour: row.hour!, bucket: row.bucket!, n: row.n });
    } else if (row.agentId !== null) byAgent.set(row.agentId, row.n);
  }
  return { received, byAgent, quarters };
}
