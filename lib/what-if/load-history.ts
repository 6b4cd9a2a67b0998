// Reads what a what-if replay needs from the database, read only and all at once
// (docs/what-if.md#inputs): the group's settings and members as they are now, every
// conversation that entered the group in the period, the members' status history, the
// load they held outside those conversations (assignment_spans), the contacts' last
// agents before the period, and the group's observed take delay.
import type { Db } from "@/db/client";
import type { BusinessHours, User } from "@/db/schema";
import type { History, HistoryConversation, HistoryMember, LoadChange, ReplaySettings } from "./history";

type GroupRow = Omit<ReplaySettings, "businessHours"> & { businessHours: BusinessHours | null };
type MemberRow = Omit<HistoryMember, "changes"> & { changes: HistoryMember["changes"] | null };
type SpanRow = { userId: number; startMs: number; endMs: number | null };

/** The history of a group over [from, to); null when the group does not exist. */
export async function loadHistory(db: Db, groupId: number, from: Date, to: Date): Promise<History | null> {
  const fromAt = from.toISOString();
  const toAt = to.toISOString();
  return db.$client.begin("read only", async (sql) => {
    const ms = (column: string) => sql.unsafe(`(extract(epoch FROM ${column}) * 1000)::float8`);
    const [group] = await sql<GroupRow[]>`
      SELECT strategy, online_only AS "onlineOnly", max_open_per_agent AS "maxOpenPerAgent",
             sticky_to_last_agent AS "stickyToLastAgent", allow_take_beyond_cap AS "allowTakeBeyondCap",
             reassign_away_after_minutes AS "reassignAwayAfterMinutes",
             reassign_no_reply_after_minutes AS "reassignNoReplyAfterMinutes", business_hours AS "businessHours",
             first_response_target_minutes AS "firstResponseTargetMinutes"
        FROM channel_groups WHERE id = ${groupId}`;
    if (!group) return null;
    const [members, conversations, spans, lastAgents, [take]] = await Promise.all([
      // Each member's status at the start (the last change before it; offline if none),
      // when they last became online before it, their last automatic assignment in the
      // group before it, and their changes inside the period.
      sql<MemberRow[]>`
        SELECT m.user_id AS "userId", u.name, m.max_open AS "ownCap",
               coalesce(s.status, 'offline') AS status,
               (extract(epoch FROM (SELECT max(h.changed_at) FROM agent_status_history h
                                     WHERE h.user_id = m.user_id AND h.status = 'online' AND h.changed_at <= ${fromAt}::timestamptz)) * 1000)::float8 AS "availableSinceMs",
               CASE WHEN coalesce(s.status, 'offline') = 'online' THEN NULL ELSE ${ms("s.changed_at")} END AS "awaySinceMs",
               (extract(epoch FROM (SELECT max(e.created_at) FROM assignment_events e
                                     WHERE e.group_id = m.group_id AND e.to_user_id = m.user_id AND e.kind = 'auto' AND e.created_at < ${fromAt}::timestamptz)) * 1000)::float8 AS "lastAutoAssignedAtMs",
               (SELECT json_agg(json_build_object('atMs', (extract(epoch FROM h.changed_at) * 1000)::float8, 'status', h.status) ORDER BY h.changed_at, h.id)
                  FROM agent_status_history h WHERE h.user_id = m.user_id AND h.changed_at > ${fromAt}::timestamptz AND h.changed_at < ${toAt}::timestamptz) AS changes
          FROM group_members m
          JOIN users u ON u.id = m.user_id
          LEFT JOIN LATERAL (SELECT h.status, h.changed_at FROM agent_status_history h
                              WHERE h.user_id = m.user_id AND h.changed_at <= ${fromAt}::timestamptz
                              ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) s ON true
         WHERE m.group_id = ${groupId}
         ORDER BY m.user_id`,
      sql<HistoryConversation[]>`
        SELECT c.id, c.contact_id AS "contactId", ${ms("c.queued_at")} AS "queuedAtMs", ${ms("c.closed_at")} AS "closedAtMs",
               f.to_user_id AS "realAssigneeId", ${ms("f.created_at")} AS "realAssignedAtMs", coalesce(f.kind = 'auto', false) AS "realAuto",
               ${ms("c.first_response_at")} - ${ms("f.created_at")} AS "responseDelayMs"
          FROM conversations c
          LEFT JOIN LATERAL (SELECT e.to_user_id, e.created_at, e.kind FROM assignment_events e
                              WHERE e.conversation_id = c.id AND e.to_user_id IS NOT NULL
                              ORDER BY e.id LIMIT 1) f ON true
         WHERE c.group_id = ${groupId} AND c.queued_at >= ${fromAt}::timestamptz AND c.queued_at < ${toAt}::timestamptz AND c.status <> 'routing'
         ORDER BY c.queued_at, c.id`,
      // Load the replay does not decide: the members' stretches with other groups'
      // conversations, or with this group's from before the period.
      sql<SpanRow[]>`
        SELECT s.user_id AS "userId", ${ms("s.started_at")} AS "startMs", ${ms("s.ended_at")} AS "endMs"
          FROM assignment_spans s
          JOIN conversations c ON c.id = s.conversation_id
         WHERE s.user_id IN (SELECT user_id FROM group_members WHERE group_id = ${groupId})
           AND s.started_at < ${toAt}::timestamptz AND (s.ended_at IS NULL OR s.ended_at > ${fromAt}::timestamptz)
           AND NOT (c.group_id = ${groupId} AND c.queued_at >= ${fromAt}::timestamptz AND c.queued_at < ${toAt}::timestamptz)`,
      sql<{ contactId: number; userId: number }[]>`
        SELECT DISTINCT ON (p.contact_id) p.contact_id AS "contactId", p.assignee_id AS "userId"
          FROM conversations p
         WHERE p.group_id = ${groupId} AND p.queued_at < ${fromAt}::timestamptz AND p.assignee_id IS NOT NULL
           AND p.contact_id IN (SELECT contact_id FROM conversations WHERE group_id = ${groupId} AND queued_at >= ${fromAt}::timestamptz AND queued_at < ${toAt}::timestamptz)
         ORDER BY p.contact_id, p.id DESC`,
      // How long a waiting conversation of the group took to be taken by hand (the median
      // over the 30 days before the period's end).
      sql<{ ms: number | null }[]>`
        SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_assigned_at - c.queued_at)) * 1000)::float8 AS ms
          FROM conversations c
         WHERE c.group_id = ${groupId} AND c.first_assignment_kind = 'self'
           AND c.queued_at >= ${toAt}::timestamptz - interval '30 days' AND c.queued_at < ${toAt}::timestamptz`,
    ]);
    return assemble(groupId, from, to, group, members, conversations, spans, lastAgents, take?.ms ?? null);
  });
}

function assemble(
  groupId: number,
  from: Date,
  to: Date,
  group: GroupRow,
  members: MemberRow[],
  conversations: HistoryConversation[],
  spans: SpanRow[],
  lastAgents: { contactId: number; userId: number }[],
  takeDelayMs: number | null,
): History {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const initialLoad: Record<number, number> = {};
  const loadChanges: LoadChange[] = [];
  for (const span of spans) {
    if (span.startMs <= fromMs) initialLoad[span.userId] = (initialLoad[span.userId] ?? 0) + 1;
    else loadChanges.push({ atMs: span.startMs, userId: span.userId, delta: 1 });
    if (span.endMs !== null && span.endMs < toMs) loadChanges.push({ atMs: Math.max(span.endMs, fromMs), userId: span.userId, delta: -1 });
  }
  loadChanges.sort((a, b) => a.atMs - b.atMs || b.delta - a.delta || a.userId - b.userId);
  const settings: ReplaySettings = { ...group };
  return {
    groupId,
    fromMs,
    toMs,
    settings,
    members: members.map((m) => ({ ...m, status: m.status as User["status"], changes: m.changes ?? [] })),
    conversations,
    initialLoad,
    loadChanges,
    lastAgentByContact: Object.fromEntries(lastAgents.map((r) => [r.contactId, r.userId])),
    takeDelayMs,
  };
}
