// Create a channel group and change its settings (the list in settings-fields.ts). A
// change commits with its audit row, then the queue drains: the new settings may make
// agents eligible (manual → automatic, online-only off, cap raised).
import { and, eq, getTableColumns, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { channelGroups, type ChannelGroup } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { drainGroups, type DistributionResult } from "@/lib/distribution";
import { lockGroup } from "@/lib/distribution/locks";
import { changedFields, recordAudit, type AuditChanges } from "./audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import { createGroupSchema, type CreateGroupInput } from "./schemas";
import { groupSettingsSchema, SETTINGS_FIELDS, type GroupSettings, type GroupSettingsInput } from "./settings-fields";
import { isUniqueViolation } from "./unique-violation";

export type { GroupSettings };

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
  const { groupId, version, ...settings } = parseInput(groupSettingsSchema, input);
  const result = await refuseNameClash(() =>
    db.transaction(async (tx) => {
      // The group lock: no automatic decision runs half under the old rules, half under the new.
      await lockGroup(tx, groupId);
      const [row] = await tx.select().from(channelGroups).where(eq(channelGroups.id, groupId)).for("update");
      if (!row) throw new UserError("not_found", "This group does not exist.", { groupId });
      // Checked against the locked row: a form that saw an older version would write back
      // values it never chose (docs/behaviour.md#group-settings).
      if (version !== undefined && version !== row.version) {
        throw new UserError("conflict", "These settings changed meanwhile; reload them and save again.", { groupId, version: row.version });
      }
      const before = pickSettings(row);
      // Only the settings sent change; the rest keep the locked row's values.
      const after: GroupSettings = { ...before };
      for (const field of SETTINGS_FIELDS) {
        const value = (settings as Record<string, unknown>)[field];
        if (value !== undefined) Object.assign(after, { [field]: value });
      }
      const changes = changedFields(before, after, SETTINGS_FIELDS);
      if (Object.keys(changes).length === 0) return { group: before, changes };
      if (changes.name) await requireUniqueName(tx, after.name, groupId);
      const [saved] = await tx
        .update(channelGroups)
        .set({ ...settingsValues(after), version: sql`${channelGroups.version} + 1`, updatedAt: sql`now()` })
        .where(eq(channelGroups.id, groupId))
        .returning({ version: channelGroups.version });
      after.version = saved!.version;
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
  const settings = { id: row.id, version: row.version } as GroupSettings;
  for (const field of SETTINGS_FIELDS) Object.assign(settings, { [field]: row[field] });
  return settings;
}

/** The SET of a save: every setting of the list, each a column of channel_groups. */
function settingsValues(settings: GroupSettings): Partial<ChannelGroup> {
  const columns = getTableColumns(channelGroups);
  const values: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) {
    // drizzle drops a key that is not a column without a word: say so instead.
    if (!(field in columns)) throw new Error(`setting ${field} is not a column of channel_groups (db/schema.ts)`);
    values[field] = settings[field];
  }
  return values as Partial<ChannelGroup>;
}
