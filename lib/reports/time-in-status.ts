// time in status: per agent, seconds online, paused and offline within the period, up to
// now (the future has no status yet). The status at `from` is the last change before it
// (offline when the history knows none); every change inside the period starts a stretch.
import type { Db } from "@/db/client";
import { at, reportRead, type ReportFilter } from "./filter";

export type TimeInStatus = { agentId: number; onlineSeconds: number; pausedSeconds: number; offlineSeconds: number };

export async function timeInStatus(db: Db, filter: ReportFilter, agentIds: number[]): Promise<TimeInStatus[]> {
  if (agentIds.length === 0) return [];
  // The changes inside the period are read by agent_status_history_user_idx, one range per
  // agent (the bounds are written out, not joined from w, so the planner sees them).
  const rows = await reportRead(db, (sql) => sql<TimeInStatus[]>`
    WITH a AS (SELECT unnest(${agentIds}::int[]) AS user_id),
         w AS (SELECT ${at(sql, filter.from)} AS from_at, least(${at(sql, filter.to)}, now()) AS until),
         h AS (SELECT a.user_id, w.from_at AS at, 0::bigint AS seq,
                      coalesce((SELECT s.status FROM agent_status_history s
                                 WHERE s.user_id = a.user_id AND s.changed_at <= w.from_at
                                 ORDER BY s.changed_at DESC, s.id DESC LIMIT 1), 'offline') AS status
                 FROM a, w
               UNION ALL
               SELECT s.user_id, s.changed_at, s.id, s.status
                 FROM agent_status_history s
                WHERE s.user_id = ANY(${agentIds}::int[])
                  AND s.changed_at > ${at(sql, filter.from)} AND s.changed_at < least(${at(sql, filter.to)}, now())),
         seg AS (SELECT h.user_id, h.status, h.at,
                        coalesce(lead(h.at) OVER (PARTITION BY h.user_id ORDER BY h.at, h.seq), w.until) AS till
                   FROM h, w)
    SELECT user_id AS "agentId",
           coalesce(sum(greatest(0, extract(epoch FROM till - at))) FILTER (WHERE status = 'online'), 0)::float8 AS "onlineSeconds",
           coalesce(sum(greatest(0, extract(epoch FROM till - at))) FILTER (WHERE status = 'paused'), 0)::float8 AS "pausedSeconds",
           coalesce(sum(greatest(0, extract(epoch FROM till - at))) FILTER (WHERE status = 'offline'), 0)::float8 AS "offlineSeconds"
      FROM seg
     GROUP BY user_id`);
  const byId = new Map(rows.map((row) => [row.agentId, row]));
  return agentIds.map((agentId) => byId.get(agentId) ?? { agentId, onlineSeconds: 0, pausedSeconds: 0, offlineSeconds: 0 });
}
