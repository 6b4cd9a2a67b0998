// What the manager's screens read: the list of groups with their live figures, one
// group's settings, members and channels, and its history. Timestamps are ISO strings:
// these results travel to the browser as they are.
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { z } from "zod";
import type { groupHistoryAnswer } from "./answer-schemas";
import type { Db } from "@/db/client";
import { channelGroups, type BusinessHours, type ChannelGroup, type User } from "@/db/schema";
import { hoursNow, type HoursNow } from "./hours-now";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { parseId, UserError } from "@/lib/errors";
import type { ChannelView } from "./channels";
import { SETTINGS_FIELDS, type GroupSettings } from "./settings-fields";

/** The columns of a group's settings (settings-fields.ts), with its id and version. */
function settingsColumns() {
  const columns = getTableColumns(channelGroups);
  return Object.fromEntries(["id", "version", ...SETTINGS_FIELDS].map((field) => [field, columns[field as keyof typeof columns]!]));
}

export type GroupSummary = Pick<ChannelGroup, "id" | "name" | "strategy" | "onlineOnly" | "maxOpenPerAgent"> & {
  membersOnline: number;
  membersTotal: number;
  channels: number;
  /** Active numbers whose token WhatsApp refused (error 190): a manager must set a new one. */
  channelsNeedingToken: number;
  queueLength: number;
  oldestQueuedAt: string | null;
  /** Business hours now (docs/behaviour.md#entry-menu): open or closed, and when that next changes (ISO; null = never). */
  hours: HoursNow;
};

/** Every group with members online / total (active members), queue length and its oldest wait. */
export async function listGroups(db: Db, actor: Actor | null | undefined): Promise<GroupSummary[]> {
  requireManager(actor);
  const rows = await db.execute<Omit<GroupSummary, "hours"> & { businessHours: BusinessHours | null }>(sql`
    SELECT g.id, g.name, g.strategy, g.online_only AS "onlineOnly", g.max_open_per_agent AS "maxOpenPerAgent",
           g.business_hours AS "businessHours",
           (SELECT count(*)::int FROM group_members m JOIN users u ON u.id = m.user_id
             WHERE m.group_id = g.id AND u.active AND u.status = 'online') AS "membersOnline",
           (SELECT count(*)::int FROM group_members m JOIN users u ON u.id = m.user_id
             WHERE m.group_id = g.id AND u.active) AS "membersTotal",
           (SELECT count(*)::int FROM channels ch WHERE ch.group_id = g.id AND ch.active) AS channels,
           (SELECT count(*)::int FROM channels ch WHERE ch.group_id = g.id AND ch.active AND ch.token_invalid_at IS NOT NULL) AS "channelsNeedingToken",
           q.length AS "queueLength",
           to_char(q.oldest AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "oldestQueuedAt"
      FROM channel_groups g
      CROSS JOIN LATERAL (SELECT count(*)::int AS length, min(c.queued_at) AS oldest
                            FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued') q
     ORDER BY lower(g.name)`);
  const now = new Date();
  return rows.map(({ businessHours, ...row }) => ({ ...row, hours: hoursNow(businessHours, now) }));
}


export type MemberView = Pick<User, "id" | "name" | "email" | "status"> & {
  /** The member's own cap in this group (null = the group's). */
  ownCap: number | null;
  /** Their open conversations of this group (what leaving the group returns to the queue). */
  openHere: number;
};
export type GroupDetails = {
  group: GroupSettings;
  members: MemberView[];
  channels: ChannelView[];
  /** Active agents who are not members yet: who can be added. */
  otherAgents: Pick<User, "id" | "name" | "email">[];
  /** Where a channel can move to. */
  otherGroups: Pick<ChannelGroup, "id" | "name">[];
  /** Conversations waiting in the group's queue now (what a looser setting would give out at once). */
  queued: number;
};

export async function readGroupDetails(db: Db, actor: Actor | null | undefined, id: number | string): Promise<GroupDetails> {
  requireManager(actor);
  const groupId = parseId(id, "groupId");
  const [group] = (await db
    .select(settingsColumns())
    .from(channelGroups)
    .where(eq(channelGroups.id, groupId))) as GroupSettings[];
  if (!group) throw new UserError("not_found", "This group does not exist.", { groupId });
  const [members, channels, otherAgents, otherGroups, [waiting]] = await Promise.all([
    db.execute<MemberView>(sql`
      SELECT u.id, u.name, u.email, u.status, m.max_open AS "ownCap",
             (SELECT count(*)::int FROM conversations c
               WHERE c.group_id = m.group_id AND c.assignee_id = u.id AND c.status = 'assigned') AS "openHere"
        FROM group_members m JOIN users u ON u.id = m.user_id
       WHERE m.group_id = ${groupId} AND u.active ORDER BY lower(u.name)`),
    // The token itself is never selected: only whether there is one.
    db.execute<ChannelView>(sql`
      SELECT id, group_id AS "groupId", display_number AS "displayNumber", phone_number_id AS "phoneNumberId",
             access_token_encrypted IS NOT NULL AS "tokenSet",
             to_char(token_invalid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "tokenInvalidAt", waba_id AS "wabaId", active, menu
        FROM channels WHERE group_id = ${groupId} ORDER BY active DESC, id`),
    db.execute<GroupDetails["otherAgents"][number]>(sql`
      SELECT u.id, u.name, u.email FROM users u
       WHERE u.role = 'agent' AND u.active
         AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = ${groupId} AND m.user_id = u.id)
       ORDER BY lower(u.name)`),
    db.execute<GroupDetails["otherGroups"][number]>(sql`SELECT id, name FROM channel_groups WHERE id <> ${groupId} ORDER BY lower(name)`),
    db.execute<{ queued: number }>(sql`SELECT count(*)::int AS queued FROM conversations WHERE group_id = ${groupId} AND status = 'queued'`),
  ]);
  return { group, members: [...members], channels: [...channels], otherAgents: [...otherAgents], otherGroups: [...otherGroups], queued: waiting?.queued ?? 0 };
}

/** One change of the group's history, as GET /api/v1/manager/groups/{groupId}/history answers it. */
export type HistoryEntry = z.output<typeof groupHistoryAnswer>[number];

/** The group's changes, newest first: settings, members, channels (a moved channel shows in both groups). */
export async function readGroupHistory(db: Db, actor: Actor | null | undefined, id: number | string, limit = 50): Promise<HistoryEntry[]> {
  requireManager(actor);
  const groupId = parseId(id, "groupId");
  const rows = await db.execute<HistoryEntry>(sql`
    SELECT a.id::int, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
           u.name AS "actorName", a.entity, a.action,
           coalesce(ch.display_number, cr.shortcut, a.changes #>> '{shortcut,to}', a.changes #>> '{shortcut,from}') AS subject, a.changes
      FROM audit_log a
      LEFT JOIN users u ON u.id = a.actor_id
      LEFT JOIN channels ch ON a.entity = 'channel' AND ch.id = a.entity_id
      LEFT JOIN canned_replies cr ON a.entity = 'canned_reply' AND cr.id = a.entity_id
     WHERE a.group_id = ${groupId}
        OR (a.action = 'channel.moved' AND a.changes #>> '{group,from,id}' = ${String(groupId)})
     ORDER BY a.id DESC
     LIMIT ${limit}`);
  return [...rows];
}
