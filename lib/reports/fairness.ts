// fairness: Jain's index (Σx)² / (n·Σx²) per automatic group, over x = automatic assignments
// received in the period by each member who was online at some time in it (members online
// but given nothing count as 0). 1 = perfectly even; 1/n = one agent got everything.
// Null when nobody was online or nothing was assigned automatically.
// What was in force (docs/behaviour.md#reports): computed per stretch of the period with
// one strategy (from the settings history), each labelled with that strategy; a group that
// is Manual now still shows for the stretches it was automatic, and a Manual stretch has none.
import type { Db } from "@/db/client";
import { reportRead, type ReportFilter, type Sql } from "./filter";
import { groupHistories, periodSegments, type Strategy, type StrategySegment } from "./settings-history";

export type Fairness = {
  groupId: number;
  groupName: string;
  /** The strategy in force during [from, to). */
  strategy: Strategy;
  from: string;
  to: string;
  /** The group's strategy changed in the period: this is one stretch of it. */
  spansChange: boolean;
  index: number | null;
  /** n: members online at some time in the stretch. */
  agents: number;
  autoAssigned: number;
};

export function jainIndex(xs: number[]): number | null {
  const sum = xs.reduce((a, b) => a + b, 0);
  const squares = xs.reduce((a, b) => a + b * b, 0);
  return xs.length === 0 || squares === 0 ? null : (sum * sum) / (xs.length * squares);
}

/**
 * Fairness of each automatic stretch (a Manual stretch has none), in one statement;
 * `spansChange` marks the groups that have more than one stretch in `all`'s period.
 */
export async function fairnessOf(sql: Sql, all: StrategySegment[]): Promise<Fairness[]> {
  const changed = new Set(all.filter((s, i) => all[i - 1]?.groupId === s.groupId).map((s) => s.groupId));
  const segments = all.filter((s) => s.strategy !== "manual");
  if (segments.length === 0) return [];
  const rows = await sql<{ i: number; xs: number[] | null }[]>`
    WITH seg AS (SELECT s.i, s.group_id, s.from_at, s.to_at, least(s.to_at, now()) AS until
                   FROM jsonb_to_recordset(${JSON.stringify(segments.map((s, i) => ({ i: i + 1, group_id: s.groupId, from_at: s.from.toISOString(), to_at: s.to.toISOString() })))}::jsonb)
                        AS s(i int, group_id int, from_at timestamptz, to_at timestamptz)),
         online AS (
           SELECT seg.i, m.user_id
             FROM seg JOIN group_members m ON m.group_id = seg.group_id
            WHERE coalesce((SELECT s.status FROM agent_status_history s
                             WHERE s.user_id = m.user_id AND s.changed_at <= seg.from_at
                             ORDER BY s.changed_at DESC, s.id DESC LIMIT 1), 'offline') = 'online'
               OR EXISTS (SELECT 1 FROM agent_status_history s
                           WHERE s.user_id = m.user_id AND s.status = 'online' AND s.changed_at > seg.from_at AND s.changed_at < seg.until)),
         -- One index-only range scan of the automatic events (assignment_events_auto_idx) over
         -- all the stretches, then placed in each: not a probe of the events per stretch.
         events AS MATERIALIZED (
           SELECT e.group_id, e.to_user_id, e.created_at FROM assignment_events e
            WHERE e.kind = 'auto' AND e.created_at >= (SELECT min(from_at) FROM seg) AND e.created_at < (SELECT max(to_at) FROM seg)
              AND e.group_id IN (SELECT group_id FROM seg)),
         auto AS (SELECT seg.i, e.to_user_id AS user_id, count(*)::int AS n
                    FROM events e JOIN seg ON e.group_id = seg.group_id AND e.created_at >= seg.from_at AND e.created_at < seg.to_at
                   GROUP BY 1, 2)
    SELECT seg.i, array_agg(coalesce(a.n, 0)) FILTER (WHERE o.user_id IS NOT NULL) AS xs
      FROM seg LEFT JOIN online o ON o.i = seg.i
               LEFT JOIN auto a ON a.i = o.i AND a.user_id = o.user_id
     GROUP BY seg.i`;
  const xsOf = new Map(rows.map((r) => [r.i, r.xs ?? []]));
  return segments.map((s, i) => {
    const xs = xsOf.get(i + 1) ?? [];
    return {
      groupId: s.groupId,
      groupName: s.groupName,
      strategy: s.strategy,
      from: s.from.toISOString(),
      to: s.to.toISOString(),
      spansChange: changed.has(s.groupId),
      index: jainIndex(xs),
      agents: xs.length,
      autoAssigned: xs.reduce((a, b) => a + b, 0),
    };
  });
}

export async function fairness(db: Db, filter: ReportFilter): Promise<Fairness[]> {
  return reportRead(db, async (sql) => fairnessOf(sql, periodSegments(await groupHistories(sql, filter, filter.from), filter)));
}
