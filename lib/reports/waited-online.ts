// Policies counted (docs/behaviour.md#reports): the time conversations waited in the queue
// while someone who could take them was online. For the conversations of the queue wait
// (first assigned in the period), the part of [created_at, first_assigned_at) in which at
// least one member of the conversation's group was online, from the status history. A
// wait of that kind is work left lying while a person was there: in a Manual group nobody
// took it, in an automatic one everyone online was at their cap.
import type { Db } from "@/db/client";
import { at, conversationScope, reportRead, type ReportFilter } from "./filter";

export type WaitedWithSomeoneOnline = {
  /** Conversations whose wait overlapped someone online. */
  count: number;
  /** Their seconds of waiting with someone online, summed. */
  totalSeconds: number;
  /** The median of those seconds, per conversation (null: none). */
  medianSeconds: number | null;
};

type Period = Pick<ReportFilter, "from" | "to">;

/**
 * One period's figure, on a connection of its own: the summary starts the period's and the
 * compared one's beside its other figures. The members' online stretches are merged per
 * group (a multirange), then each wait reads online(end) − online(start).
 */
export async function waitedWithSomeoneOnline(db: Db, filter: Pick<ReportFilter, "groupId" | "agentId">, period: Period): Promise<WaitedWithSomeoneOnline> {
  return reportRead(db, async (sql) => {
    const [row] = await sql<{ count: number; total: number; median: number | null }[]>`
      WITH c AS (SELECT c.group_id, extract(epoch FROM c.first_assigned_at)::float8 - c.queue_wait_seconds AS waited_from,
                        extract(epoch FROM c.first_assigned_at)::float8 AS waited_to
                   FROM conversations c
                  WHERE c.first_assigned_at >= ${at(sql, period.from)} AND c.first_assigned_at < ${at(sql, period.to)}
                    AND c.queue_wait_seconds > 0
                    ${conversationScope(sql, { ...filter, ...period })}),
           -- Instants as epoch seconds (float8) from here: the arithmetic per wait stays in floats.
           b AS (SELECT to_timestamp(min(waited_from)) AS since, to_timestamp(max(waited_to)) AS until FROM c),
           m AS (SELECT DISTINCT gm.group_id, gm.user_id FROM group_members gm WHERE gm.group_id IN (SELECT group_id FROM c)),
           u AS (SELECT DISTINCT user_id FROM m),
           -- Each member's status at the earliest wait's start, then every change until the last wait's end.
           h AS (SELECT u.user_id, b.since AS changed_at, 0::bigint AS seq,
                        coalesce((SELECT s.status FROM agent_status_history s
                                   WHERE s.user_id = u.user_id AND s.changed_at <= b.since
                                   ORDER BY s.changed_at DESC, s.id DESC LIMIT 1), 'offline') AS status
                   FROM u, b
                 UNION ALL
                 SELECT s.user_id, s.changed_at, s.id, s.status
                   FROM agent_status_history s, b
                  WHERE s.user_id IN (SELECT user_id FROM u) AND s.changed_at > b.since AND s.changed_at < b.until),
           seg AS (SELECT h.user_id, h.status, h.changed_at AS s_from,
                          coalesce(lead(h.changed_at) OVER (PARTITION BY h.user_id ORDER BY h.changed_at, h.seq), b.until) AS s_to
                     FROM h, b),
           online AS (SELECT m.group_id, range_agg(tstzrange(seg.s_from, seg.s_to)) AS stretches
                        FROM seg JOIN m ON m.user_id = seg.user_id
                       WHERE seg.status = 'online' AND seg.s_from < seg.s_to
                       GROUP BY m.group_id),
           -- The group's disjoint online stretches, each with the online seconds before it:
           -- online(t), the seconds online up to t, is then before + (t − lo) clamped to the stretch.
           iv AS (SELECT o.group_id, lower(r) AS lo, upper(r) AS hi FROM online o, unnest(o.stretches) r),
           ivc AS (SELECT iv.*, coalesce(sum(extract(epoch FROM hi - lo)) OVER (PARTITION BY group_id ORDER BY lo ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::float8 AS before
                     FROM iv),
           -- Per group, the stretches as sorted arrays: width_bucket finds, by binary search, the
           -- last stretch begun at or before an instant.
           arr AS (SELECT group_id, array_agg(extract(epoch FROM lo)::float8 ORDER BY lo) AS los, array_agg(extract(epoch FROM hi)::float8 ORDER BY lo) AS his,
                          array_agg(before ORDER BY lo) AS befores
                     FROM ivc GROUP BY group_id),
           k AS (SELECT c.waited_from, c.waited_to, a.los, a.his, a.befores,
                        width_bucket(c.waited_from, a.los) AS i, width_bucket(c.waited_to, a.los) AS j
                   FROM c JOIN arr a ON a.group_id = c.group_id),
           w AS (SELECT (CASE WHEN j = 0 THEN 0 ELSE befores[j] + greatest(0, least(waited_to, his[j]) - los[j]) END)
                      - (CASE WHEN i = 0 THEN 0 ELSE befores[i] + greatest(0, least(waited_from, his[i]) - los[i]) END) AS s
                   FROM k)
      -- Below a millisecond is the sums' rounding, not a wait.
      SELECT count(*) FILTER (WHERE s >= 0.001)::int AS count, coalesce(sum(s) FILTER (WHERE s >= 0.001), 0)::float8 AS total,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FILTER (WHERE s >= 0.001) AS median
        FROM w`;
    return { count: row?.count ?? 0, totalSeconds: row?.total ?? 0, medianSeconds: row?.median ?? null };
  });
}
