// Breaches (docs/behaviour.md#service-levels): the sweep marks each target that passed
// unmet, once, and in the same transaction queues the `sla.breached` webhook for the
// endpoints that subscribe; the caller then alerts the managers in the app. Marked on the
// conversation, so a restart, or two instances sweeping at once, alert once.
import type { Db } from "@/db/client";
import { clientOf } from "@/lib/distribution/connection";

export type Breach = { conversationId: number; groupId: number; assigneeId: number | null; target: "first_response" | "resolution"; dueAt: string };

export async function recordBreaches(db: Db): Promise<Breach[]> {
  const rows = await clientOf(db)<{ id: number; groupId: number; assigneeId: number | null; firstDue: string | null; resolutionDue: string | null }[]>`
    WITH marked AS (
      UPDATE conversations c
         SET first_response_breached_at = CASE WHEN c.first_response_breached_at IS NULL AND c.first_response_at IS NULL
                                                AND c.first_response_due_at <= now() THEN now() ELSE c.first_response_breached_at END,
             resolution_breached_at = CASE WHEN c.resolution_breached_at IS NULL AND c.resolution_due_at <= now()
                                           THEN now() ELSE c.resolution_breached_at END
       WHERE c.status <> 'closed' AND c.queue_due_at <= now()
         AND ((c.first_response_breached_at IS NULL AND c.first_response_at IS NULL AND c.first_response_due_at <= now())
              OR (c.resolution_breached_at IS NULL AND c.resolution_due_at <= now()))
      RETURNING c.id, c.group_id, c.assignee_id, c.status,
                CASE WHEN c.first_response_breached_at = now() THEN c.first_response_due_at END AS first_due,
                CASE WHEN c.resolution_breached_at = now() THEN c.resolution_due_at END AS resolution_due
    ), breaches AS (
      SELECT m.id, m.group_id, m.assignee_id, m.status, b.target, b.due
        FROM marked m
        CROSS JOIN LATERAL (VALUES ('first_response', m.first_due), ('resolution', m.resolution_due)) AS b(target, due)
       WHERE b.due IS NOT NULL
    ), hooks AS (
      SELECT fila_enqueue_webhook('sla.breached', jsonb_build_object(
               'conversationId', id, 'groupId', group_id, 'assigneeId', assignee_id, 'status', status, 'target', target,
               'dueAt', to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        FROM breaches
    )
    SELECT m.id, m.group_id AS "groupId", m.assignee_id AS "assigneeId",
           to_char(m.first_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstDue",
           to_char(m.resolution_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "resolutionDue",
           (SELECT count(*) FROM hooks) AS queued
      FROM marked m ORDER BY m.id`;
  return rows.flatMap((r) => [
    ...(r.firstDue ? [{ conversationId: r.id, groupId: r.groupId, assigneeId: r.assigneeId, target: "first_response" as const, dueAt: r.firstDue }] : []),
    ...(r.resolutionDue ? [{ conversationId: r.id, groupId: r.groupId, assigneeId: r.assigneeId, target: "resolution" as const, dueAt: r.resolutionDue }] : []),
  ]);
}
