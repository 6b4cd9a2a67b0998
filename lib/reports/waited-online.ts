// Policies counted (docs/behaviour.md#reports): the time conversations waited in the queue
// while someone who could take them was online. For the conversations of the queue wait
// (first assigned in the period), the part of [created_at, first_assigned_at) in which at
// least one member of the conversation's group was online, from the status history. A
// wait of that kind is work left lying while a person was there: in a Manual group nobody
// took it, in an automatic one everyone online was at their cap.
import { at, conversationScope, type ReportFilter, type Sql } from "./filter";

export type WaitedWithSomeoneOnline = {
  /** Conversations whose wait overlapped someone online. */
  count: number;
  /** Their seconds of waiting with someone online, summed. */
  totalSeconds: number;
  /** The median of those seconds, per conversation (null: none). */
  medianSeconds: number | null;
};

type Period = Pick<ReportFilter, "from" | "to">;

/** Each period's figure, one statement a period (the members' online stretches merged per group as a multirange). */
export async function waitedWithSomeoneOnlineIn(sql: Sql, filter: Pick<ReportFilter, "groupId" | "agentId">, periods: Period[]): Promise<WaitedWithSomeoneOnline[]> {
  return Promise.all(
    periods.map(async (period) => {
      const [row] = await sql<{ count: number; total: number; median: number | null }[]>`
        WITH c AS (SELECT c.group_id, c.created_at AS waited_from, c.first_assigned_at AS waited_to
                     FROM conversations c
                    WHERE c.first_assigned_at >= ${at(sql, period.from)} AND c.first_assigned_at < ${at(sql, period.to)}
                      ${conversationScope(sql, { ...filter, ...period })}),
             b AS (SELECT min(waited_from) AS since, max(waited_to) AS until FROM c),
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
             w AS (SELECT coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r)))
                                      FROM unnest(o.stretches * tstzmultirange(tstzrange(c.waited_from, c.waited_to))) r), 0)::float8 AS s
                     FROM c JOIN online o ON o.group_id = c.group_id
                    WHERE c.waited_from < c.waited_to)
        SELECT count(*) FILTER (WHERE s > 0)::int AS count, coalesce(sum(s), 0)::float8 AS total,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FILTER (WHERE s > 0) AS median
          FROM w`;
      return { count: row?.count ?? 0, totalSeconds: row?.total ?? 0, medianSeconds: row?.median ?? null };
    }),
  );
}
