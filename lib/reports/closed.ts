// closed: conversations closed in the period, in total and per assignee (who had it).
import type { Db } from "@/db/client";
import { at, conversationScope, sqlOf, type ReportFilter } from "./filter";
import type { CountRow } from "./received";
import { splitTotals } from "./stats";

export async function closedCounts(db: Db, filter: ReportFilter) {
  const sql = sqlOf(db);
  const rows = await sql<CountRow[]>`
    SELECT c.assignee_id AS "agentId", GROUPING(c.assignee_id) AS total, count(*)::int AS count
      FROM conversations c
     WHERE c.closed_at >= ${at(sql, filter.from)} AND c.closed_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
     GROUP BY GROUPING SETS ((), (c.assignee_id))`;
  const { total, byAgent } = splitTotals(rows);
  return { closed: total?.count ?? 0, byAgent: new Map([...byAgent].map(([id, row]) => [id, row.count])) };
}
