// Telling waiting customers their place in line (docs/behaviour.md#place-in-line, SPEC §13).
// In a group with tellQueuePosition on, a queued conversation whose group has nobody
// eligible (a waiting reason: docs/behaviour.md#nobody-waits-without-a-reason) is told its position and
// the estimate (estimate.ts): first when it enters the queue, then again when its position
// improved by POSITION_STEP or queuePositionEveryMinutes passed since it was last told —
// at most queuePositionMaxMessages messages, only inside the 24-hour window of the
// customer's last message, never once an agent has it.
//
// Each message is one row of the automatic messages' durable outbox (welcome-message.ts),
// keyed (conversation, 'queue_position', step): deciding step n writes that row and moves
// the conversation's count to n + 1 in one transaction, under the conversation's row lock
// and only if the count is still n — so concurrent sweeps and arrivals decide each step
// once, and the outbox sends each row once across crashes. The text is fixed in the row
// when decided; the delivery skips it if an agent took the conversation meanwhile.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { EntryMenu, MenuLanguage } from "@/db/schema";
import { readGroupWaitFacts, waitingReasonOf } from "@/lib/distribution/waiting-reason";
import { env } from "@/lib/env";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { deliverWelcome, type WelcomeDelivery } from "@/lib/whatsapp/welcome-message";
import { estimateMinutes, readPace } from "./estimate";
import { positionMessage } from "./text";

export { DEFAULT_POSITION_MESSAGES, positionMessage } from "./text";

/** Told again once the position is better by this many places (or when the interval passed). */
export const POSITION_STEP = 2;

/**
 * The language spoken to the contact: the channel's entry menu's when it has one (as the
 * menu's own lines); else the group's, as its welcome is — the one text it set (only an
 * English one: English), Portuguese otherwise, the product's first language.
 */
export function contactLanguage(menu: EntryMenu | null, texts: { pt: string | null; en: string | null }): MenuLanguage {
  if (menu?.language) return menu.language === "en" ? "en" : "pt-BR";
  return !texts.pt?.trim() && texts.en?.trim() ? "en" : "pt-BR";
}

type Candidate = {
  id: number;
  position: number;
  told: number;
  lastPosition: number | null;
  lastToldAt: Date | string | null;
  dueByInterval: boolean;
  lastInboundAt: Date | string | null;
  windowOpen: boolean;
  menu: EntryMenu | null;
};

type GroupRow = { id: number; everyMinutes: number | null; maxMessages: number; messagePt: string | null; messageEn: string | null };

/** Whether a conversation is owed step `told` now (the pure half of the rule). */
export function owedNow(c: { position: number; told: number; lastPosition: number | null; dueByInterval: boolean; windowOpen: boolean }, maxMessages: number): boolean {
  if (!c.windowOpen || c.told >= maxMessages) return false;
  if (c.told === 0) return true;
  if (c.lastPosition !== null && c.lastPosition - c.position >= POSITION_STEP) return true;
  return c.dueByInterval;
}

export type Decided = { conversationId: number; groupId: number; step: number; position: number; minutes: number };

/**
 * Decides every place-in-line message owed now (in `groupIds`, or every group that tells),
 * writing each in the outbox. `minuteSeconds` shortens a minute in tests (POLICY_MINUTE_SECONDS).
 */
export async function decidePlaceInLine(db: Db, options: { groupIds?: number[]; minuteSeconds?: number } = {}): Promise<Decided[]> {
  const minuteSeconds = options.minuteSeconds ?? env().POLICY_MINUTE_SECONDS;
  const only = options.groupIds;
  if (only && only.length === 0) return [];
  const groups = await db.execute<GroupRow>(sql`
    SELECT g.id, g.queue_position_every_minutes AS "everyMinutes", g.queue_position_max_messages AS "maxMessages",
           g.queue_position_message_pt AS "messagePt", g.queue_position_message_en AS "messageEn"
      FROM channel_groups g
     WHERE g.tell_queue_position
       ${only ? sql`AND g.id IN (${sql.join(only.map((id) => sql`${id}`), sql`, `)})` : sql``}
       AND EXISTS (SELECT 1 FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued')`);
  if (groups.length === 0) return [];
  const facts = await readGroupWaitFacts(db, groups.map((g) => g.id));
  const decided: Decided[] = [];
  for (const group of groups) {
    const wait = facts.get(group.id);
    // Someone eligible: the queue is about to move on its own; nothing to tell.
    if (!wait || waitingReasonOf("queued", wait.rules, wait.agents) === null) continue;
    const queue = await db.execute<Candidate>(sql`
      SELECT q.id, q.position::int, q.position_messages AS told, q.position_told AS "lastPosition", q.position_told_at AS "lastToldAt",
             (${group.everyMinutes}::int IS NOT NULL AND q.position_told_at <= now() - make_interval(secs => ${group.everyMinutes ?? 0} * ${minuteSeconds}::float8)) AS "dueByInterval",
             last_in.created_at AS "lastInboundAt",
             coalesce(last_in.created_at > now() - interval '24 hours', false) AS "windowOpen",
             ch.menu
        FROM (SELECT c.*, row_number() OVER (ORDER BY c.priority, c.queue_due_at, c.queued_at, c.id) AS position
                FROM conversations c WHERE c.group_id = ${group.id} AND c.status = 'queued') q
        JOIN channels ch ON ch.id = q.channel_id
        LEFT JOIN LATERAL (SELECT m.created_at FROM messages m WHERE m.conversation_id = q.id AND m.direction = 'in'
                            ORDER BY m.created_at DESC LIMIT 1) last_in ON true
       WHERE q.position_messages < ${group.maxMessages}
       ORDER BY q.position`);
    const owed = queue.filter((c) => owedNow(c, group.maxMessages));
    if (owed.length === 0) continue;
    const pace = await readPace(db, group.id, minuteSeconds);
    for (const c of owed) {
      const minutes = estimateMinutes(c.position, pace);
      const language = contactLanguage(c.menu, { pt: group.messagePt, en: group.messageEn });
      const body = positionMessage(language === "en" ? group.messageEn : group.messagePt, language, c.position, minutes);
      const step = await db.transaction(async (tx) => {
        // Still queued, nobody has it, and nobody decided this step meanwhile.
        const [locked] = await tx.execute<{ id: number }>(sql`
          SELECT id FROM conversations WHERE id = ${c.id} AND status = 'queued' AND assignee_id IS NULL AND position_messages = ${c.told}
             FOR NO KEY UPDATE`);
        if (!locked) return null;
        const inserted = await tx.execute(sql`
          INSERT INTO welcome_outbox (conversation_id, kind, step, opened_at, body, position, minutes)
          VALUES (${c.id}, 'queue_position', ${c.told}, ${new Date(c.lastInboundAt!).toISOString()}::timestamptz, ${body}, ${c.position}, ${minutes})
          ON CONFLICT (conversation_id, kind, step) DO NOTHING
          RETURNING 1`);
        await tx.execute(sql`
          UPDATE conversations SET position_messages = ${c.told + 1}, position_told = ${c.position}, position_told_at = now() WHERE id = ${c.id}`);
        return inserted.length > 0 ? c.told : null;
      });
      if (step !== null) decided.push({ conversationId: c.id, groupId: group.id, step, position: c.position, minutes });
    }
  }
  return decided;
}

/** Decides what is owed, then delivers it (the outbox's sweep finishes what a crash interrupts). */
export async function tellPlaceInLine(
  db: Db,
  graph: GraphConfig,
  options: { groupIds?: number[]; minuteSeconds?: number; onDelivered?: (delivery: WelcomeDelivery) => void } = {},
): Promise<Decided[]> {
  const decided = await decidePlaceInLine(db, options);
  for (const d of decided) {
    const delivery = await deliverWelcome(db, d.conversationId, graph, "queue_position", d.step);
    if (delivery) options.onDelivered?.(delivery);
  }
  return decided;
}
