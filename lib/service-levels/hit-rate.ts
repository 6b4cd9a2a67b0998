// How often the targets were met (docs/behaviour.md#service-levels), per group, over the
// conversations created in a report's period (its group and agent filters too). A target
// counts once decided: met (the reply or the close came by the due time) or missed (it
// came later, or the due time has passed without it); one still running is not counted.
import { z } from "zod";
import type { Db } from "@/db/client";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { at, conversationScope, reportRead } from "@/lib/reports/filter";
import { parseReportParams } from "@/lib/reports/params";

const targetHits = z.object({
  met: z.int().min(0),
  missed: z.int().min(0),
  rate: z.number().min(0).max(1).nullable().describe("met / (met + missed); null when none was decided"),
});
/**
 * The place-in-line estimates (docs/behaviour.md#place-in-line): position messages sent in the
 * period's conversations, and the median of |minutes told − minutes waited from that
 * message to the conversation's assignment| over those since assigned (null: none yet).
 */
const placeInLineAccuracy = z.object({
  told: z.int().min(0),
  medianAbsoluteErrorMinutes: z.number().min(0).nullable().describe("median |minutes told − minutes waited|; null until one told was assigned"),
});
/** The answer of GET /api/v1/reports/service-levels, declared once: the OpenAPI document and the API's tests use it. */
export const hitRateAnswer = z
  .object({
    groups: z.array(z.object({ groupId: z.int().min(1), groupName: z.string(), firstResponse: targetHits, resolution: targetHits })),
    placeInLine: placeInLineAccuracy,
  })
  .meta({ id: "ServiceLevelHitRate" });
export type TargetHits = z.output<typeof targetHits>;
export type GroupHitRate = z.output<typeof hitRateAnswer>["groups"][number];
export type PlaceInLineAccuracy = z.output<typeof placeInLineAccuracy>;

const hits = (met: number, missed: number): TargetHits => ({ met, missed, rate: met + missed === 0 ? null : met / (met + missed) });

export async function readServiceLevelHitRate(
  db: Db,
  actor: Actor | null | undefined,
  query: Record<string, string>,
): Promise<{ groups: GroupHitRate[]; placeInLine: PlaceInLineAccuracy }> {
  requireManager(actor);
  const filter = await parseReportParams(db, query);
  const rows = await reportRead(db, (sql) => sql<{ groupId: number; groupName: string; frMet: number; frMissed: number; resMet: number; resMissed: number }[]>`
    SELECT g.id AS "groupId", g.name AS "groupName",
           count(*) FILTER (WHERE c.first_response_at <= c.first_response_due_at)::int AS "frMet",
           count(*) FILTER (WHERE coalesce(c.first_response_at, now()) > c.first_response_due_at)::int AS "frMissed",
           count(*) FILTER (WHERE c.closed_at <= c.resolution_due_at)::int AS "resMet",
           count(*) FILTER (WHERE coalesce(c.closed_at, now()) > c.resolution_due_at)::int AS "resMissed"
      FROM conversations c JOIN channel_groups g ON g.id = c.group_id
     WHERE c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)}
       AND (c.first_response_due_at IS NOT NULL OR c.resolution_due_at IS NOT NULL)
       ${conversationScope(sql, filter)}
     GROUP BY g.id, g.name
     ORDER BY lower(g.name), g.id`);
  const [placeInLine] = await reportRead(db, (sql) => sql<{ told: number; median: number | null }[]>`
    SELECT count(*)::int AS told,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(o.minutes - extract(epoch FROM a.assigned_at - o.created_at) / 60)) AS median
      FROM welcome_outbox o JOIN conversations c ON c.id = o.conversation_id
      LEFT JOIN LATERAL (SELECT min(e.created_at) AS assigned_at FROM assignment_events e
                          WHERE e.conversation_id = o.conversation_id AND e.kind IN ('auto', 'self', 'manager') AND e.to_user_id IS NOT NULL
                            AND e.created_at >= o.created_at) a ON true
     WHERE o.kind = 'queue_position' AND o.state = 'sent'
       AND c.created_at >= ${at(sql, filter.from)} AND c.created_at < ${at(sql, filter.to)}
       ${conversationScope(sql, filter)}`);
  const median = placeInLine?.median ?? null;
  return {
    placeInLine: { told: placeInLine?.told ?? 0, medianAbsoluteErrorMinutes: median === null ? null : Math.round(Number(median) * 10) / 10 },
    groups: rows.map((r) => ({ groupId: r.groupId, groupName: r.groupName, firstResponse: hits(r.frMet, r.frMissed), resolution: hits(r.resMet, r.resMissed) })),
  };
}
