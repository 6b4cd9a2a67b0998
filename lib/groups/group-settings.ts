// Create a channel group and change its settings (strategy, online-only, cap, welcome
// message, and the distribution policies of SPEC §3.1). A change commits with its audit row, then the queue drains: the new
// settings may make agents eligible (manual → automatic, online-only off, cap raised).
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { channelGroups, type ChannelGroup } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { drainGroups, type DistributionResult } from "@/lib/distribution";
import { lockGroup } from "@/lib/distribution/locks";
import { changedFields, recordAudit, type AuditChanges } from "./audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { createGroupSchema, groupSettingsSchema, type CreateGroupInput, type GroupSettingsInput } from "./schemas";
import { isUniqueViolation } from "./unique-violation";

export const SETTINGS_FIELDS = [
  "name",
  "strategy",
  "onlineOnly",
  "maxOpenPerAgent",
  "welcomeMessage",
  "allowTakeBeyondCap",
  "reassignAwayAfterMinutes",
  "reassignNoReplyAfterMinutes",
  "stickyToLastAgent",
  "businessHours",
  "outOfHoursMessage",
  "firstResponseTargetMinutes",
  "resolutionTargetMinutes",
] as const;
export type GroupSettings = Pick<ChannelGroup, "id" | (typeof SETTINGS_FIELDS)[number]>;

const NAME_KEY = "channel_groups_name_key";

async function requireUniqueName(tx: Tx, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: channelGroups.id })
    .from(channelGroups)
    .where(and(eq(sql`lower(${channelGroups.name})`, name.toLowerCase()), exceptId === undefined ? undefined : ne(channelGroups.id, exceptId)))
    .limit(1);
  if (clash) throw invalidFields({ name: "groups.invalid.nameTaken" });
}

async function refuseNameClash<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, NAME_KEY)) throw invalidFields({ name: "groups.invalid.nameTaken" });
    throw error;
  }
}

export async function createGroup(db: Db, actor: Actor | null | undefined, input: CreateGroupInput): Promise<{ group: GroupSettings }> {
  const manager = requireManager(actor);
  const { name, strategy } = parseInput(createGroupSchema, input);
  const group = await refuseNameClash(() =>
    db.transaction(async (tx) => {
      await requireUniqueName(tx, name);
      const [row] = await tx.insert(channelGroups).values({ name, strategy }).returning();
      const created = pickSettings(row!);
      const changes: AuditChanges = {};
      for (const field of SETTINGS_FIELDS) if (created[field] !== null) changes[field] = { from: null, to: created[field] };
      // Policies at their defaults are not news.
      for (const field of ["allowTakeBeyondCap", "stickyToLastAgent"] as const) delete changes[field];
      await recordAudit(tx, { actorId: manager.id, entity: "group", entityId: created.id, groupId: created.id, action: "group.created", changes });
      return created;
    }),
  );
  return { group };
}

export type SettingsChange = { group: GroupSettings; changes: AuditChanges } & { drained: DistributionResult };

export async function updateGroupSettings(db: Db, actor: Actor | null | undefined, input: GroupSettingsInput): Promise<SettingsChange> {
  const manager = requireManager(actor);
  const { groupId, ...settings } = parseInput(groupSettingsSchema, input);
  const result = await refuseNameClash(() =>
    db.transaction(async (tx) => {
      // The group lock: no automatic decision runs half under the old rules, half under the new.
      await lockGroup(tx, groupId);
      const [row] = await tx.select().from(channelGroups).where(eq(channelGroups.id, groupId)).for("update");
      if (!row) throw new UserError("not_found", "This group does not exist.", { groupId });
      const before = pickSettings(row);
      const after: GroupSettings = { ...before };
      for (const field of SETTINGS_FIELDS) {
        if (settings[field] !== undefined) Object.assign(after, { [field]: settings[field] });
      }
      const changes = changedFields(before, after, SETTINGS_FIELDS);
      if (Object.keys(changes).length === 0) return { group: before, changes };
      if (changes.name) await requireUniqueName(tx, after.name, groupId);
      await tx
        .update(channelGroups)
        .set({
          name: after.name,
          strategy: after.strategy,
          onlineOnly: after.onlineOnly,
          maxOpenPerAgent: after.maxOpenPerAgent,
          welcomeMessage: after.welcomeMessage,
          allowTakeBeyondCap: after.allowTakeBeyondCap,
          reassignAwayAfterMinutes: after.reassignAwayAfterMinutes,
          reassignNoReplyAfterMinutes: after.reassignNoReplyAfterMinutes,
          stickyToLastAgent: after.stickyToLastAgent,
          businessHours: after.businessHours,
          outOfHoursMessage: after.outOfHoursMessage,
          firstResponseTargetMinutes: after.firstResponseTargetMinutes,
          resolutionTargetMinutes: after.resolutionTargetMinutes,
          updatedAt: sql`now()`,
        })
        .where(eq(channelGroups.id, groupId));
      await recordAudit(tx, { actorId: manager.id, entity: "group", entityId: groupId, groupId, action: "group.updated", changes });
      return { group: after, changes };
    }),
  );
  // Draining costs one query when nothing can be assigned, so any change drains rather
  // than guessing which ones widen eligibility.
  const drained = Object.keys(result.changes).length > 0 ? await drainGroups(db, [groupId]) : { changes: [] };
  return { ...result, drained };
}

function pickSettings(row: ChannelGroup): GroupSettings {
  const settings = { id: row.id } as GroupSettings;
  for (const field of SETTINGS_FIELDS) Object.assign(settings, { [field]: row[field] });
  return settings;
}
