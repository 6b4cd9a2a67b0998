// What was in force (docs/behaviour.md#reports): the settings history of the groups a
// report is about, read from audit_log (every change of a group's settings is one
// `group.updated` row with each field's old and new value). Gives the changes in a
// period (the markers on the time charts) and, per group, the stretches of the period
// during which one distribution strategy was in force.
import type { Db } from "@/db/client";
import type { ChannelGroup } from "@/db/schema";
import { at, isoUtc, reportRead, type ReportFilter, type Sql } from "./filter";

export type Strategy = ChannelGroup["strategy"];

export type SettingsChange = {
  at: string;
  groupId: number;
  groupName: string;
  /** Who changed it (null: a deleted user, or the system). */
  by: { id: number; name: string } | null;
  /** Each changed setting's value before and after. */
  changes: Record<string, { from: unknown; to: unknown }>;
};

/** A stretch of the period in which one strategy was in force for a group: [from, to). */
export type StrategySegment = { groupId: number; groupName: string; strategy: Strategy; from: Date; to: Date };

/** A group of the report, its strategy now, and its settings changes since a moment, oldest first. */
export type GroupHistory = { groupId: number; groupName: string; strategy: Strategy; changes: Omit<SettingsChange, "groupId" | "groupName">[] };

type Period = Pick<ReportFilter, "from" | "to">;

/**
 * The report's groups — the group; with an agent, the agent's groups; else all — with
 * their settings changes after `since`: one statement (audit_log_group_idx per group).
 */
export function groupHistories(sql: Sql, filter: Pick<ReportFilter, "groupId" | "agentId">, since: Date) {
  return sql<GroupHistory[]>`
    SELECT g.id AS "groupId", g.name AS "groupName", g.strategy,
           coalesce((SELECT json_agg(json_build_object('at', ${isoUtc(sql, sql`a.created_at`)},
                                                      'by', CASE WHEN a.actor_id IS NULL THEN NULL
                                                                 ELSE json_build_object('id', a.actor_id, 'name', coalesce(u.name, '')) END,
                                                      'changes', a.changes) ORDER BY a.created_at, a.id)
                       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
                      WHERE a.group_id = g.id AND a.created_at >= ${at(sql, since)}
                        AND a.entity = 'group' AND a.action = 'group.updated'), '[]'::json) AS changes
      FROM channel_groups g
     WHERE true
       ${filter.groupId === undefined ? sql`` : sql`AND g.id = ${filter.groupId}`}
       ${filter.agentId === undefined ? sql`` : sql`AND g.id IN (SELECT group_id FROM group_members WHERE user_id = ${filter.agentId})`}
     ORDER BY lower(g.name), g.id`;
}

/** The settings changes in [from, to), oldest first. */
export function changesIn(groups: GroupHistory[], period: Period): SettingsChange[] {
  return groups
    .flatMap((g) => g.changes.map((c) => ({ at: c.at, groupId: g.groupId, groupName: g.groupName, by: c.by, changes: c.changes })))
    .filter((c) => Date.parse(c.at) >= period.from.getTime() && Date.parse(c.at) < period.to.getTime())
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

type StrategyChange = { at: string; from: Strategy; to: Strategy };

const strategyChanges = (group: GroupHistory): StrategyChange[] =>
  group.changes.flatMap((c) => {
    const change = c.changes.strategy as { from: Strategy; to: Strategy } | undefined;
    return change ? [{ at: c.at, from: change.from, to: change.to }] : [];
  });

/**
 * A group's stretches of [from, to) with the strategy in force: the strategy at `from` is
 * what the first later change changed it from (or the current one when nothing changed
 * since), and each change inside the period starts a new stretch. `group` holds its
 * changes since `from` at the latest.
 */
export function segmentsOf(group: Omit<GroupHistory, "changes"> & { changes: StrategyChange[] }, from: Date, to: Date): StrategySegment[] {
  const later = group.changes.filter((c) => Date.parse(c.at) > from.getTime());
  const segments: StrategySegment[] = [];
  let strategy = later[0]?.from ?? group.strategy;
  let start = from;
  for (const change of later) {
    const changedAt = new Date(change.at);
    if (changedAt >= to) break;
    if (change.to !== strategy) {
      segments.push({ groupId: group.groupId, groupName: group.groupName, strategy, from: start, to: changedAt });
      start = changedAt;
    }
    strategy = change.to;
  }
  segments.push({ groupId: group.groupId, groupName: group.groupName, strategy, from: start, to });
  return segments;
}

/** Every group's stretches of a period, groups in order. */
export function periodSegments(groups: GroupHistory[], period: Period): StrategySegment[] {
  return groups.flatMap((g) => segmentsOf({ ...g, changes: strategyChanges(g) }, period.from, period.to));
}

/** The settings changes of the report's groups in [from, to), oldest first. */
export async function settingsChanges(db: Db, filter: ReportFilter): Promise<SettingsChange[]> {
  return changesIn(await reportRead(db, (sql) => groupHistories(sql, filter, filter.from)), filter);
}

/** Per group of the report, the stretches of the period with the strategy in force. */
export async function strategySegments(db: Db, filter: ReportFilter): Promise<StrategySegment[]> {
  return periodSegments(await reportRead(db, (sql) => groupHistories(sql, filter, filter.from)), filter);
}
