// fairness: Jain's index (Σx)² / (n·Σx²) per automatic group, over x = automatic assignments
// received in the period by each member who was online at some time in it (members online
// but given nothing count as 0). 1 = perfectly even; 1/n = one agent got everything.
// Null when nobody was online or nothing was assigned automatically.
import type { Db } from "@/db/client";
import type { ChannelGroup } from "@/db/schema";
import { at, reportRead, type ReportFilter } from "./filter";

export type Fairness = {
  groupId: number;
  groupName: string;
  strategy: ChannelGroup["strategy"];
  index: number | null;
  /** n: members online at some time in the period. */
  agents: number;
  autoAssigned: number;
};

export function jainIndex(xs: number[]): number | null {
  const sum = xs.reduce((a, b) => a + b, 0);
  const squares = xs.reduce((a, b) => a + b * b, 0);
  return xs.length === 0 || squares === 0 ? null : (sum * sum) / (xs.length * squares);
}

export async function fairness(db: Db, filter: ReportFilter): Promise<Fairness[]> {
  const rows = await reportRead(db, (sql) => sql<{ groupId: number; groupName: string; strategy: ChannelGroup["strategy"]; xs: number[] | null }[]>`
    WITH g AS (SELECT id, name, strategy FROM channel_groups
                WHERE strategy <> 'manual'
                  ${filter.groupId === undefined ? sql`` : sql`AND id = ${filter.groupId}`}
                  ${filter.agentId === undefined ? sql`` : sql`AND EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = id AND m.user_id = ${filter.agentId})`}),
         w AS (SELECT ${at(sql, filter.from)} AS from_at, least(${at(sql, filter.to)}, now()) AS until),
         online AS (
           SELECT m.group_id, m.user_id
             FROM group_members m JOIN g ON g.id = m.group_id, w
            WHERE coalesce((SELECT s.status FROM agent_status_history s
                             WHERE s.user_id = m.user_id AND s.changed_at <= w.from_at
                             ORDER BY s.changed_at DESC, s.id DESC LIMIT 1), 'offline') = 'online'
               OR EXISTS (SELECT 1 FROM agent_status_history s
                           WHERE s.user_id = m.user_id AND s.status = 'online' AND s.changed_at > w.from_at AND s.changed_at < w.until)),
         auto AS (SELECT e.group_id, e.to_user_id AS user_id, count(*)::int AS n
                    FROM assignment_events e
                   WHERE e.created_at >= ${at(sql, filter.from)} AND e.created_at < ${at(sql, filter.to)}
                     AND e.kind = 'auto' AND e.group_id IN (SELECT id FROM g)
                   GROUP BY 1, 2)
    SELECT g.id AS "groupId", g.name AS "groupName", g.strategy,
           array_agg(coalesce(a.n, 0)) FILTER (WHERE o.user_id IS NOT NULL) AS xs
      FROM g LEFT JOIN online o ON o.group_id = g.id
             LEFT JOIN auto a ON a.group_id = o.group_id AND a.user_id = o.user_id
     GROUP BY g.id, g.name, g.strategy
     ORDER BY lower(g.name)`);
  return rows.map(({ xs, ...group }) => ({
    ...group,
    index: jainIndex(xs ?? []),
    agents: xs?.length ?? 0,
    autoAssigned: (xs ?? []).reduce((a, b) => a + b, 0),
  }));
}
