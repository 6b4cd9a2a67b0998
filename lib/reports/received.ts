// received: conversations created in the period (SPEC §7), in total and per assignee.
import type { Db } from "@/db/client";
import { at, conversationScope, sqlOf, type ReportFilter } from "./filter";
import { splitTotals } from "./stats";

export type CountRow = { agentId: number | null; total: number; count: number };

export async function receivedCounts(db: Db, filter: ReportFilter) {
  const sql = sqlOf(db);
  const rows = await sql<CountRow[]>`
    SELECT c.assignee_id AS "agentId", GROUPING(c.assignee_id) AS total, count(*)::int AS count
      FROM conversations c
     WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)} ${conversationScope(sql, filter)}
     GROUP BY GROUPING SETS ((), (c.assignee_id))`;
  const { total, byAgent } = splitTotals(rows);
  return { received: total?.count ?? 0, byAgent: new Map([...byAgent].map(([id, row]) => [id, row.count])) };
}
