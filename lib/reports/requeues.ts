// Policies counted (docs/behaviour.md#reports): conversations sent back to the queue in
// the period, by why — the away policy, the no-reply policy, a member removed from the
// group with their conversations, or returned by a person (no policy). With an agent:
// those taken from that agent. Read through assignment_events_requeue_idx.
import type { Db } from "@/db/client";
import { reportRead, type ReportFilter, type Sql } from "./filter";

export type Requeues = { away: number; noReply: number; returned: number; removed: number };

type Period = Pick<ReportFilter, "from" | "to">;

/** The requeues of each period, in one statement (a range of the index per period). */
export async function requeuesIn(sql: Sql, filter: Pick<ReportFilter, "groupId" | "agentId">, periods: Period[]): Promise<Requeues[]> {
  const rows = await sql<{ i: number; p: string | null; n: number }[]>`
    SELECT per.i, e.reason ->> 'policy' AS p, count(*)::int AS n
      FROM jsonb_to_recordset(${JSON.stringify(periods.map((p, i) => ({ i, from_at: p.from.toISOString(), to_at: p.to.toISOString() })))}::jsonb)
           AS per(i int, from_at timestamptz, to_at timestamptz)
      JOIN assignment_events e ON e.kind = 'requeue' AND e.created_at >= per.from_at AND e.created_at < per.to_at
     WHERE true
       ${filter.groupId === undefined ? sql`` : sql`AND e.group_id = ${filter.groupId}`}
       ${filter.agentId === undefined ? sql`` : sql`AND e.from_user_id = ${filter.agentId}`}
     GROUP BY 1, 2`;
  return periods.map((_, i) => {
    const counts: Requeues = { away: 0, noReply: 0, returned: 0, removed: 0 };
    for (const row of rows) {
      if (row.i !== i) continue;
      const key = row.p === "away" ? "away" : row.p === "no_reply" ? "noReply" : row.p === "member_removed" ? "removed" : "returned";
      counts[key] += row.n;
    }
    return counts;
  });
}

export async function requeues(db: Db, filter: ReportFilter): Promise<Requeues> {
  return (await reportRead(db, (sql) => requeuesIn(sql, filter, [filter])))[0]!;
}
