// Private notes (docs/behaviour.md#the-inbox): a message of the conversation with direction "internal" and
// type "note", written by a user for colleagues. Because it is neither "in" nor "out":
// - it is never sent to WhatsApp (nothing here calls the Graph API);
// - it never sets firstResponseAt (only storeAndSendText does, for a reply WhatsApp
//   accepted), so the reports' first response ignores it;
// - the no-reply timer (lib/distribution/timers.ts) looks for the assignee's "out"
//   messages, so a note does not count as a reply: it does not stop the timer, and an
//   assignee who only writes notes is still reassigned;
// - it leaves lastMessageAt (the lists' order by conversation with the contact) alone.
// Anyone who may see the conversation may write one, closed or open. An @mention reaches
// a colleague only if they may see the conversation (usersWhoMaySee), checked in the
// note's transaction under a share lock on the conversation row, so that a transfer or a
// membership change cannot slip between the check and the mention.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mentions, messages } from "@/db/schema";
import { requireActor, requireConversationAccess, usersWhoMaySee, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { noteInput, type NoteInput } from "./schemas";

export type MentionedUser = { id: number; name: string };
export type NoteMention = MentionedUser & { delivered: boolean };

export type NoteResult = {
  messageId: number;
  delivered: MentionedUser[];
  /** Mentioned, but they may not see this conversation: not told. */
  undelivered: MentionedUser[];
  signals: RealtimeSignal[];
};

const mentioned = (body: string, name: string) => body.toLocaleLowerCase().includes(`@${name.toLocaleLowerCase()}`);

export async function addNoteAs(db: Db, actor: Actor | null | undefined, input: NoteInput): Promise<NoteResult> {
  const me = requireActor(actor);
  const { conversationId, body, mentions: picked } = parseInput(noteInput, input);
  await requireConversationAccess(db, me, conversationId);

  return db.transaction(async (tx) => {
    const [conversation] = await tx.execute<{ groupId: number; assigneeId: number | null }>(sql`
      SELECT group_id AS "groupId", assignee_id AS "assigneeId" FROM conversations WHERE id = ${conversationId} FOR SHARE`);
    if (!conversation) throw new UserError("not_found", "This conversation does not exist.");
    // Again under the lock: the author may have lost the conversation meanwhile.
    if (!(await usersWhoMaySee(tx, conversationId, [me.id])).has(me.id)) {
      throw new UserError("forbidden", "You cannot open this conversation.");
    }

    // A pick counts while its @Name is still in the text (deleting the text drops the mention).
    const ids = [...new Set(picked)].filter((id) => id !== me.id);
    const named =
      ids.length === 0
        ? []
        : (await tx.execute<MentionedUser>(sql`SELECT id, name FROM users WHERE id = ANY(${`{${ids.join(",")}}`}::int[]) ORDER BY name`)).filter((u) =>
            mentioned(body, u.name),
          );
    const allowed = await usersWhoMaySee(tx, conversationId, named.map((u) => u.id));
    const noteMentions: NoteMention[] = named.map((u) => ({ ...u, delivered: allowed.has(u.id) }));

    const [message] = await tx
      .insert(messages)
      .values({
        conversationId,
        direction: "internal",
        type: "note",
        body,
        payload: noteMentions.length > 0 ? { mentions: noteMentions } : null,
        authorType: "user",
        authorUserId: me.id,
      })
      .returning({ id: messages.id });
    const messageId = message!.id;
    const delivered = noteMentions.filter((m) => m.delivered);
    const rows =
      delivered.length === 0
        ? []
        : await tx
            .insert(mentions)
            .values(delivered.map((m) => ({ messageId, conversationId, userId: m.id, authorId: me.id })))
            .returning({ id: mentions.id, userId: mentions.userId });

    const signals: RealtimeSignal[] = [
      { type: "message.created", conversationId, groupId: conversation.groupId, assigneeId: conversation.assigneeId, messageId, direction: "internal" },
      ...rows.map((r): RealtimeSignal => ({ type: "mention.created", userId: r.userId, conversationId, mentionId: r.id })),
    ];
    return {
      messageId,
      delivered: delivered.map(({ id, name }) => ({ id, name })),
      undelivered: noteMentions.filter((m) => !m.delivered).map(({ id, name }) => ({ id, name })),
      signals,
    };
  });
}
