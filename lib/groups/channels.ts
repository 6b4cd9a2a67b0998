// A group's WhatsApp numbers. The access token is stored encrypted (encryptSecret) and
// never read back here: what leaves this module says only whether one is set.
// Conversations keep the group they opened in, so moving a number between groups only
// routes its next conversations to the new group.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { channelGroups, channels, type EntryMenu } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { encryptSecret } from "@/lib/secrets";
import { recordAudit } from "./audit-log";
import { invalidFields, parseInput, UserError } from "@/lib/errors";
import {
  channelActiveSchema,
  channelMenuSchema,
  channelTokenSchema,
  type ChannelMenuInput,
  channelWabaSchema,
  moveChannelSchema,
  newChannelSchema,
  type ChannelActiveInput,
  type ChannelTokenInput,
  type ChannelWabaInput,
  type MoveChannelInput,
  type NewChannelInput,
} from "./schemas";
import { isUniqueViolation } from "./unique-violation";

/** A channel as the browser may see it. */
export type ChannelView = {
  id: number;
  groupId: number;
  displayNumber: string;
  phoneNumberId: string;
  tokenSet: boolean;
  /** When WhatsApp refused the token (error 190): a manager must set a new one. Null when fine. */
  tokenInvalidAt: string | null;
  /** The WhatsApp Business Account id whose approved templates the inbox offers. */
  wabaId: string | null;
  active: boolean;
  /** The entry menu (docs/behaviour.md#entry-menu); null = conversations go straight to the group. */
  menu: EntryMenu | null;
};

const channelView = {
  id: channels.id,
  groupId: channels.groupId,
  displayNumber: channels.displayNumber,
  phoneNumberId: channels.phoneNumberId,
  tokenInvalidAt: sql<string | null>`to_char(${channels.tokenInvalidAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  wabaId: channels.wabaId,
  active: channels.active,
  menu: channels.menu,
};

async function groupRef(tx: Tx, groupId: number) {
  const [group] = await tx.select({ id: channelGroups.id, name: channelGroups.name }).from(channelGroups).where(eq(channelGroups.id, groupId));
  if (!group) throw invalidFields({ groupId: "groups.invalid.unknownGroup" });
  return group;
}

async function lockChannel(tx: Tx, channelId: number) {
  const [row] = await tx.select({ ...channelView, tokenEncrypted: channels.accessTokenEncrypted }).from(channels).where(eq(channels.id, channelId)).for("update");
  if (!row) throw new UserError("not_found", "This channel does not exist.", { channelId });
  const { tokenEncrypted, ...rest } = row;
  return { ...rest, tokenSet: tokenEncrypted !== null };
}

export async function addChannel(db: Db, actor: Actor | null | undefined, input: NewChannelInput): Promise<{ channel: ChannelView }> {
  const manager = requireManager(actor);
  const { groupId, displayNumber, phoneNumberId, accessToken } = parseInput(newChannelSchema, input);
  try {
    const channel = await db.transaction(async (tx) => {
      // The group the number is added to is the page's (the API's path): one that is not there is not found.
      const [group] = await tx.select({ id: channelGroups.id }).from(channelGroups).where(eq(channelGroups.id, groupId));
      if (!group) throw new UserError("not_found", "This group does not exist.", { groupId }, { groupId: "groups.invalid.unknownGroup" });
      const [clash] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.phoneNumberId, phoneNumberId));
      if (clash) throw invalidFields({ phoneNumberId: "groups.invalid.phoneNumberIdTaken" });
      const [row] = await tx
        .insert(channels)
        .values({ groupId, displayNumber, phoneNumberId, accessTokenEncrypted: accessToken ? encryptSecret(accessToken) : null })
        .returning(channelView);
      await recordAudit(tx, {
        actorId: manager.id,
        entity: "channel",
        entityId: row!.id,
        groupId,
        action: "channel.added",
        changes: {
          displayNumber: { from: null, to: displayNumber },
          phoneNumberId: { from: null, to: phoneNumberId },
          accessToken: { from: null, to: accessToken ? "set" : null },
        },
      });
      return { ...row!, tokenSet: accessToken !== null };
    });
    return { channel };
  } catch (error) {
    if (isUniqueViolation(error, "channels_phone_number_id_key")) throw invalidFields({ phoneNumberId: "groups.invalid.phoneNumberIdTaken" });
    throw error;
  }
}

/** Sets or replaces the Graph API access token of a number. */
export async function setChannelToken(
  db: Db,
  actor: Actor | null | undefined,
  input: ChannelTokenInput,
): Promise<{ channel: ChannelView }> {
  const manager = requireManager(actor);
  const { channelId, accessToken } = parseInput(channelTokenSchema, input);
  const channel = await db.transaction(async (tx) => {
    const before = await lockChannel(tx, channelId);
    // A new token: whatever WhatsApp said about the old one no longer holds.
    await tx.update(channels).set({ accessTokenEncrypted: encryptSecret(accessToken), tokenInvalidAt: null, tokenError: null }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "channel",
      entityId: channelId,
      groupId: before.groupId,
      action: "channel.token_set",
      changes: { accessToken: { from: before.tokenSet ? "set" : null, to: "replaced" } },
    });
    return { ...before, tokenSet: true, tokenInvalidAt: null };
  });
  return { channel };
}

/** Sets (or clears) the WhatsApp Business Account id of a number: where its templates are listed. */
export async function setChannelWaba(db: Db, actor: Actor | null | undefined, input: ChannelWabaInput): Promise<{ channel: ChannelView }> {
  const manager = requireManager(actor);
  const { channelId, wabaId } = parseInput(channelWabaSchema, input);
  const channel = await db.transaction(async (tx) => {
    const before = await lockChannel(tx, channelId);
    await tx.update(channels).set({ wabaId }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "channel",
      entityId: channelId,
      groupId: before.groupId,
      action: "channel.waba_set",
      changes: { wabaId: { from: before.wabaId, to: wabaId } },
    });
    return { ...before, wabaId };
  });
  return { channel };
}

/** Moves a number to another group; the move shows in the history of both. */
export async function moveChannel(
  db: Db,
  actor: Actor | null | undefined,
  input: MoveChannelInput,
): Promise<{ channel: ChannelView; fromGroupId: number; changed: boolean }> {
  const manager = requireManager(actor);
  const { channelId, groupId } = parseInput(moveChannelSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockChannel(tx, channelId);
    if (before.groupId === groupId) return { channel: before, fromGroupId: groupId, changed: false };
    const [from, to] = [await groupRef(tx, before.groupId), await groupRef(tx, groupId)];
    await tx.update(channels).set({ groupId }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "channel",
      entityId: channelId,
      groupId,
      action: "channel.moved",
      changes: { group: { from, to } },
    });
    return { channel: { ...before, groupId }, fromGroupId: before.groupId, changed: true };
  });
}

/** Deactivates (or reactivates) a number; it stays listed, with its history. */
export async function setChannelActive(
  db: Db,
  actor: Actor | null | undefined,
  input: ChannelActiveInput,
): Promise<{ channel: ChannelView; changed: boolean }> {
  const manager = requireManager(actor);
  const { channelId, active } = parseInput(channelActiveSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockChannel(tx, channelId);
    if (before.active === active) return { channel: before, changed: false };
    await tx.update(channels).set({ active }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "channel",
      entityId: channelId,
      groupId: before.groupId,
      action: active ? "channel.activated" : "channel.deactivated",
      changes: { active: { from: before.active, to: active } },
    });
    return { channel: { ...before, active }, changed: true };
  });
}

/**
 * Sets (or, with null, removes) a number's entry menu. Every group it names must exist.
 * Conversations already routing follow the menu as saved when they answer.
 */
export async function setChannelMenu(db: Db, actor: Actor | null | undefined, input: ChannelMenuInput): Promise<{ channel: ChannelView; changed: boolean }> {
  const manager = requireManager(actor);
  const { channelId, menu } = parseInput(channelMenuSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockChannel(tx, channelId);
    if (menu) {
      const named = [...new Set([menu.defaultGroupId, ...menu.options.map((o) => o.groupId)])];
      const found = await tx.select({ id: channelGroups.id }).from(channelGroups).where(inArray(channelGroups.id, named));
      if (found.length !== named.length) throw invalidFields({ menu: "routing.invalid.group" });
    }
    if (JSON.stringify(before.menu) === JSON.stringify(menu)) return { channel: before, changed: false };
    await tx.update(channels).set({ menu }).where(eq(channels.id, channelId));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "channel",
      entityId: channelId,
      groupId: before.groupId,
      action: "channel.menu_set",
      changes: { menu: { from: before.menu, to: menu } },
    });
    return { channel: { ...before, menu }, changed: true };
  });
}
