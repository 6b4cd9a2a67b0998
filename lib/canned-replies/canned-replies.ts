// Canned replies (docs/behaviour.md#the-inbox): managers keep them, global or for one group; an agent sees
// the global ones and those of their groups, and in a conversation the global ones and
// those of its group, filled for that contact and that agent. Every change is audited.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Queryable, Tx } from "@/db/client";
import { cannedReplies, channelGroups, contacts, conversations, groupMembers, users } from "@/db/schema";
import { requireActor, requireConversationAccess, requireManager, type Actor } from "@/lib/auth/permissions";
import { parseId, parseInput, invalidFields, UserError } from "@/lib/errors";
import { changedFields, recordAudit } from "@/lib/groups/audit-log";
import { isUniqueViolation } from "@/lib/groups/unique-violation";
import { cannedReplyInput, cannedReplyRef, cannedReplyUpdate, type CannedReplyInput, type CannedReplyRef, type CannedReplyUpdate } from "./schemas";
import { fillCannedReply } from "./variables";

type MaybeActor = Actor | null | undefined;

/** GET /api/v1/canned-replies: the replies with their group (null: global). */
export const cannedReplyAnswer = z
  .object({
    id: z.int().min(1),
    groupId: z.int().min(1).nullable().describe("null: every group (global)"),
    groupName: z.string().nullable(),
    shortcut: z.string().describe("Typed after / in the reply box; stored lower case"),
    body: z.string().describe("May hold {{contact.name}} and {{agent.name}}, filled when used"),
    updatedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "CannedReply" });
export const cannedRepliesAnswer = z.array(cannedReplyAnswer);

/** DELETE /api/v1/canned-replies/{id}. */
export const cannedReplyDeletedAnswer = z.object({ deleted: z.int().min(1).describe("The id of the canned reply deleted") });
export type CannedReplyView = z.output<typeof cannedRepliesAnswer>[number];

/** GET /api/v1/conversations/{id}/canned-replies: each ready to insert, `text` filled for this conversation and agent. */
export const cannedReplyChoicesAnswer = z.array(z.object({ id: z.int().min(1), shortcut: z.string(), groupName: z.string().nullable(), text: z.string() }).meta({ id: "CannedReplyChoice" }));
export type CannedReplyChoice = z.output<typeof cannedReplyChoicesAnswer>[number];

const UNIQUE_SHORTCUT = "canned_replies_scope_shortcut_key";

const view = {
  id: cannedReplies.id,
  groupId: cannedReplies.groupId,
  groupName: channelGroups.name,
  shortcut: cannedReplies.shortcut,
  body: cannedReplies.body,
  updatedAt: cannedReplies.updatedAt,
};

async function select(db: Queryable, where: ReturnType<typeof and>) {
  const rows = await db
    .select(view)
    .from(cannedReplies)
    .leftJoin(channelGroups, eq(channelGroups.id, cannedReplies.groupId))
    .where(where)
    .orderBy(asc(cannedReplies.shortcut), asc(cannedReplies.id));
  return rows.map((r): CannedReplyView => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Omnichannel › Canned replies: every one (managers). */
export async function listAllCannedReplies(db: Db, actor: MaybeActor): Promise<CannedReplyView[]> {
  requireManager(actor);
  return select(db, undefined);
}

/** What the viewer may use: managers every one; agents the global ones and their groups'. */
export async function listMyCannedReplies(db: Db, actor: MaybeActor): Promise<CannedReplyView[]> {
  const me = requireActor(actor);
  if (me.role === "manager") return select(db, undefined);
  const mine = db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, me.id));
  return select(db, or(isNull(cannedReplies.groupId), inArray(cannedReplies.groupId, mine)));
}

/** The reply box's "/" menu: the global replies and those of the conversation's group, filled for its contact and the viewer. */
export async function cannedRepliesForConversation(db: Db, actor: MaybeActor, conversationId: unknown): Promise<CannedReplyChoice[]> {
  const me = requireActor(actor);
  const conversation = await requireConversationAccess(db, me, parseId(conversationId, "conversationId"));
  const [names] = await db
    .select({ contact: sql<string | null>`coalesce(${contacts.displayName}, ${contacts.profileName})`, agent: users.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(users, eq(users.id, me.id))
    .where(eq(conversations.id, conversation.id));
  const values = { "contact.name": names?.contact ?? null, "agent.name": names?.agent ?? null };
  const replies = await select(db, or(isNull(cannedReplies.groupId), eq(cannedReplies.groupId, conversation.groupId)));
  return replies.map((r) => ({ id: r.id, shortcut: r.shortcut, groupName: r.groupName, text: fillCannedReply(r.body, values) }));
}

async function requireGroup(tx: Tx, groupId: number | null) {
  if (groupId === null) return;
  const [group] = await tx.select({ id: channelGroups.id }).from(channelGroups).where(eq(channelGroups.id, groupId));
  if (!group) throw invalidFields({ groupId: "groups.invalid.unknownGroup" });
}

async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, UNIQUE_SHORTCUT)) throw invalidFields({ shortcut: "canned.invalid.shortcutTaken" });
    throw error;
  }
}

/** The groups whose members a change concerns (all of them for a global reply), for the realtime signal. */
async function concernedGroups(db: Queryable, groupIds: (number | null)[]): Promise<number[]> {
  if (groupIds.includes(null)) return (await db.select({ id: channelGroups.id }).from(channelGroups)).map((g) => g.id);
  return [...new Set(groupIds as number[])];
}

export type CannedReplyChange = { reply: CannedReplyView | null; groupIds: number[] };

export async function createCannedReply(db: Db, actor: MaybeActor, input: CannedReplyInput): Promise<CannedReplyChange> {
  const manager = requireManager(actor);
  const data = parseInput(cannedReplyInput, input);
  const id = await saving(() =>
    db.transaction(async (tx) => {
      await requireGroup(tx, data.groupId);
      const [row] = await tx.insert(cannedReplies).values({ ...data, createdBy: manager.id }).returning({ id: cannedReplies.id });
      await recordAudit(tx, {
        actorId: manager.id,
        entity: "canned_reply",
        entityId: row!.id,
        groupId: data.groupId,
        action: "create",
        changes: { shortcut: { from: null, to: data.shortcut }, body: { from: null, to: data.body }, groupId: { from: null, to: data.groupId } },
      });
      return row!.id;
    }),
  );
  const [reply] = await select(db, eq(cannedReplies.id, id));
  return { reply: reply!, groupIds: await concernedGroups(db, [data.groupId]) };
}

async function lockReply(tx: Tx, id: number) {
  const [row] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, id)).for("update");
  if (!row) throw new UserError("not_found", "This canned reply does not exist.", { id });
  return row;
}

export async function updateCannedReply(db: Db, actor: MaybeActor, input: CannedReplyUpdate): Promise<CannedReplyChange> {
  const manager = requireManager(actor);
  const { id, ...data } = parseInput(cannedReplyUpdate, input);
  const before = await saving(() =>
    db.transaction(async (tx) => {
      const row = await lockReply(tx, id);
      await requireGroup(tx, data.groupId);
      const changes = changedFields(row, { ...row, ...data }, ["groupId", "shortcut", "body"]);
      if (Object.keys(changes).length === 0) return row;
      await tx.update(cannedReplies).set({ ...data, updatedAt: sql`now()` }).where(eq(cannedReplies.id, id));
      await recordAudit(tx, { actorId: manager.id, entity: "canned_reply", entityId: id, groupId: data.groupId, action: "update", changes });
      return row;
    }),
  );
  const [reply] = await select(db, eq(cannedReplies.id, id));
  return { reply: reply!, groupIds: await concernedGroups(db, [before.groupId, data.groupId]) };
}

export async function deleteCannedReply(db: Db, actor: MaybeActor, input: CannedReplyRef): Promise<CannedReplyChange> {
  const manager = requireManager(actor);
  const { id } = parseInput(cannedReplyRef, input);
  const row = await db.transaction(async (tx) => {
    const existing = await lockReply(tx, id);
    await tx.delete(cannedReplies).where(eq(cannedReplies.id, id));
    await recordAudit(tx, {
      actorId: manager.id,
      entity: "canned_reply",
      entityId: id,
      groupId: existing.groupId,
      action: "delete",
      changes: { shortcut: { from: existing.shortcut, to: null }, body: { from: existing.body, to: null } },
    });
    return existing;
  });
  return { reply: null, groupIds: await concernedGroups(db, [row.groupId]) };
}
