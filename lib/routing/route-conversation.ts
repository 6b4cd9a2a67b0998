// The entry menu at work (docs/behaviour.md#entry-menu). A conversation opened on a menu channel is
// `routing`: the contact is asked, and their answer moves it into the chosen group (one
// transaction, the conversation's row locked (NO KEY UPDATE: the welcome's delivery may
// insert a message referencing it meanwhile), with a `route` event holding the answer);
// then that group's welcome (or out-of-hours message) and strategy take over. An answer
// not understood asks once more; a second one, or silence past the menu's timeout,
// sends it to the default group. Concurrent answers and redeliveries route once: the
// row lock makes them take turns, and only a conversation still `routing` moves.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { BusinessHours, EntryMenu, RoutingStep } from "@/db/schema";
import { env } from "@/lib/env";
import type { InboundPayload } from "@/lib/whatsapp/inbound-message-content";
import { enqueueAutomaticMessage } from "@/lib/whatsapp/welcome-message";
import { isOpenAt } from "./business-hours";
import { DEFAULT_MENU_TIMEOUT_MINUTES, matchMenuAnswer } from "./entry-menu";

/** A step that changed a routing conversation: asked again, or moved into a group. */
export type RoutingOutcome = { conversationId: number; fromGroupId: number; groupId: number; routed: boolean };

/** What a group's arrivals need to know to be greeted: its hours, and whether it has an out-of-hours message. */
type GroupArrival = { businessHours: BusinessHours | null; outOfHours: boolean };

/** Groups' arrival facts, read once per webhook batch (by group id; null: no such group), shared while in flight. */
export type ArrivalCache = Map<number, Promise<GroupArrival | null>>;

/**
 * Queues what a conversation entering its group is sent: the out-of-hours message when
 * the group is closed and has one, else its welcome. `messageId` is the contact's
 * message it answers (the 24-hour window).
 */
export async function enqueueArrivalMessage(
  tx: Tx,
  conversation: { id: number; groupId: number },
  messageId: number,
  groups: ArrivalCache = new Map(),
): Promise<boolean> {
  let lookup = groups.get(conversation.groupId);
  if (!lookup) {
    lookup = tx
      .execute<GroupArrival>(
        sql`
      SELECT business_hours AS "businessHours", btrim(coalesce(out_of_hours_message, '')) <> '' AS "outOfHours"
        FROM channel_groups WHERE id = ${conversation.groupId}`,
      )
      .then(([row]) => row ?? null);
    groups.set(conversation.groupId, lookup);
  }
  const group = await lookup;
  if (!group) return false;
  const closed = !isOpenAt(group.businessHours, new Date());
  return enqueueAutomaticMessage(tx, conversation.id, closed && group.outOfHours ? "out_of_hours" : "welcome", messageId);
}

/**
 * In the transaction that stored a contact's message: what it starts (the menu, or the
 * group's first message; `speaks` says whether one was queued) or, for a conversation
 * still routing, the answer it is. `status` is the conversation's as the message found
 * or opened it.
 */
export async function routeInboundMessage(
  tx: Tx,
  stored: { conversationId: number; groupId: number; messageId: number; opened: boolean; status: string },
  groups?: ArrivalCache,
): Promise<{ routing: RoutingOutcome | null; speaks: boolean }> {
  if (stored.opened) {
    const speaks =
      stored.status === "routing"
        ? await enqueueAutomaticMessage(tx, stored.conversationId, "menu", stored.messageId)
        : await enqueueArrivalMessage(tx, { id: stored.conversationId, groupId: stored.groupId }, stored.messageId, groups);
    return { routing: null, speaks };
  }
  // Only a conversation still choosing its team takes the message as an answer.
  if (stored.status !== "routing") return { routing: null, speaks: false };
  return { routing: await answerMenu(tx, stored.conversationId, stored.messageId), speaks: false };
}

type LockedRouting = { id: number; groupId: number; status: string; misses: number; menu: EntryMenu | null; channelGroupId: number; since: string | null };

async function lockRouting(tx: Tx, conversationId: number): Promise<LockedRouting | null> {
  const [row] = await tx.execute<LockedRouting>(sql`
    SELECT c.id, c.group_id AS "groupId", c.status, c.routing_misses AS misses, ch.menu, ch.group_id AS "channelGroupId",
           c.routing_since::text AS since
      FROM conversations c JOIN channels ch ON ch.id = c.channel_id
     WHERE c.id = ${conversationId}
       FOR NO KEY UPDATE OF c`);
  return row && row.status === "routing" ? row : null;
}

const ANSWER_TYPES = new Set(["text", "interactive", "button"]);

async function answerMenu(tx: Tx, conversationId: number, messageId: number): Promise<RoutingOutcome | null> {
  const conversation = await lockRouting(tx, conversationId);
  if (!conversation) return null;
  const [message] = await tx.execute<{ type: string; body: string | null; payload: InboundPayload | null }>(sql`
    SELECT type, body, payload FROM messages WHERE id = ${messageId}`);
  // A photo, a reaction, a note: it stays in the conversation, and the menu still waits.
  if (!message || !ANSWER_TYPES.has(message.type)) return null;
  const menu = conversation.menu;
  const answer = (message.payload?.reply?.title ?? message.body ?? "").slice(0, 200);
  if (!menu) return moveToGroup(tx, conversation, conversation.channelGroupId, { step: "default", answer, fromGroupId: conversation.groupId }, messageId);
  const choice = matchMenuAnswer(menu, { reply: message.payload?.reply ?? null, text: message.body });
  if (choice) {
    const option = menu.options[choice.index]!;
    return moveToGroup(tx, conversation, option.groupId, { step: "chosen", answer, via: choice.via, fromGroupId: conversation.groupId, priority: option.priority }, messageId);
  }
  if (conversation.misses === 0) {
    await tx.execute(sql`UPDATE conversations SET routing_misses = 1, routing_since = clock_timestamp() WHERE id = ${conversationId}`);
    await recordStep(tx, conversationId, conversation.groupId, { step: "asked_again", answer, fromGroupId: conversation.groupId });
    await enqueueAutomaticMessage(tx, conversationId, "menu_again", messageId);
    return { conversationId, fromGroupId: conversation.groupId, groupId: conversation.groupId, routed: false };
  }
  return moveToGroup(tx, conversation, menu.defaultGroupId, { step: "default", cause: "invalid_twice", answer, fromGroupId: conversation.groupId }, messageId);
}

async function moveToGroup(tx: Tx, conversation: LockedRouting, groupId: number, step: RoutingStep, messageId: number): Promise<RoutingOutcome> {
  // An option may set the priority (docs/behaviour.md#service-levels): the queue and the decisions read it from here.
  await tx.execute(sql`
    UPDATE conversations SET group_id = ${groupId}, status = 'queued', queued_at = clock_timestamp(), routing_since = NULL,
           priority = coalesce(${step.priority ?? null}::conversation_priority, priority)
     WHERE id = ${conversation.id} AND status = 'routing'`);
  await recordStep(tx, conversation.id, groupId, { ...step, toGroupId: groupId });
  await enqueueArrivalMessage(tx, { id: conversation.id, groupId }, messageId);
  return { conversationId: conversation.id, fromGroupId: conversation.groupId, groupId, routed: true };
}

async function recordStep(tx: Tx, conversationId: number, groupId: number, step: RoutingStep) {
  await tx.execute(sql`
    INSERT INTO assignment_events (conversation_id, group_id, kind, reason, created_at)
    SELECT ${conversationId}, g.id, 'route', jsonb_build_object('strategy', g.strategy, 'routing', ${JSON.stringify(step)}::jsonb), clock_timestamp()
      FROM channel_groups g WHERE g.id = ${groupId}`);
}

/**
 * The sweep's share: conversations whose menu went unanswered past its timeout go to
 * the default group. `minuteSeconds` as for the timer policies (tests shorten it).
 */
export async function routeTimedOut(db: Db, options: { minuteSeconds?: number; limit?: number } = {}): Promise<RoutingOutcome[]> {
  const { minuteSeconds = env().POLICY_MINUTE_SECONDS, limit = 100 } = options;
  const due = await db.execute<{ id: number; since: string }>(sql`
    SELECT c.id, c.routing_since::text AS since FROM conversations c JOIN channels ch ON ch.id = c.channel_id
     WHERE c.status = 'routing'
       AND c.routing_since < now() - make_interval(secs => coalesce((ch.menu->>'timeoutMinutes')::int, ${DEFAULT_MENU_TIMEOUT_MINUTES}) * ${minuteSeconds}::float8)
     ORDER BY c.routing_since
     LIMIT ${limit}`);
  const outcomes: RoutingOutcome[] = [];
  for (const { id, since } of due) {
    const outcome = await db.transaction(async (tx) => {
      const conversation = await lockRouting(tx, id);
      // Answered meanwhile (routed, or asked again, which restarts the clock).
      if (!conversation || conversation.since !== since) return null;
      const [last] = await tx.execute<{ id: number }>(sql`
        SELECT id::int FROM messages WHERE conversation_id = ${id} AND direction = 'in' ORDER BY created_at DESC, id DESC LIMIT 1`);
      const groupId = conversation.menu?.defaultGroupId ?? conversation.channelGroupId;
      return moveToGroup(tx, conversation, groupId, { step: "default", cause: "timeout", fromGroupId: conversation.groupId }, last!.id);
    });
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}
