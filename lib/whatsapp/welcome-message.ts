// The group's welcome message, sent once when a conversation opens (docs/behaviour.md#whatsapp), as durable
// work (issue 11 finding 6): the transaction that stores the opening message also
// writes a row in welcome_outbox; delivery claims it (a lease), stores the outbound
// message, sends it, and marks it sent. A crash anywhere leaves the row pending or its
// lease running out, and the sweep (sweepWelcomes) finishes it. Exactly once:
//  - one claim at a time (compare-and-set on the row), any number of callers;
//  - a retried claim reuses the stored message; if that message already has WhatsApp's
//    id it was sent, and the row is only marked;
//  - a crash while Meta is answering the send (the request left, the answer was never
//    recorded) is told apart by Meta itself: it reports a "sent" status for every message
//    it accepted, with the recipient. When the lease of such a claim runs out, a status
//    received since for that contact and number, whose message id Fila does not know, is
//    this welcome: it is adopted (marked sent with that id), not sent again. Only if no
//    such status arrived within the lease is it sent again (a duplicate is preferred to
//    a lost welcome).
// Meta refuses free-form messages outside the 24-hour window: a welcome whose opening
// message is 24 h old or more is skipped (issue 10 item 8).
// The entry menu, its second asking and the out-of-hours message (docs/behaviour.md#entry-menu) go the same
// way: one outbox row per (conversation, kind), each sent at most once. The customer's place
// in line (docs/behaviour.md#place-in-line) too, one row per (conversation, step), its text fixed
// in the row when decided; it is skipped, not sent, once an agent has the conversation.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { EntryMenu, outboxKind } from "@/db/schema";
import { menuMessage } from "@/lib/routing/entry-menu";
import { containsUrl, GraphApiError, sendMessage, type OutgoingContent } from "./graph-api";
import type { GraphConfig } from "./graph-config";
import { loadOutboundTarget, type OutboundTarget } from "./outbound-message";

/** How long a claim lasts; past it, the claim was interrupted and may be taken again. */
export const WELCOME_LEASE_SECONDS = 60;
/** Attempts before a welcome that keeps failing is given up. */
export const WELCOME_MAX_ATTEMPTS = 6;

export type OutboxKind = (typeof outboxKind.enumValues)[number];

/** The order in which a conversation's automatic messages go out (its place in line by step). */
export const OUTBOX_KINDS: readonly OutboxKind[] = ["menu", "menu_again", "out_of_hours", "welcome", "queue_position"];

/** The list button of an interactive menu: one word that reads the same in Portuguese and English. */
const LIST_BUTTON = "Menu";

/**
 * Queues one automatic message of a conversation, in the transaction that decided it;
 * `messageId` is the contact's message it answers (its time opens the 24-hour window).
 * Nothing when there is nothing to say (no text set, no menu) or it was queued before.
 */
export async function enqueueAutomaticMessage(tx: Tx, conversationId: number, kind: OutboxKind, messageId: number): Promise<boolean> {
  const rows = await tx.execute(sql`
    INSERT INTO welcome_outbox (conversation_id, kind, opened_at)
    SELECT c.id, ${kind}, m.created_at
      FROM conversations c
      JOIN channel_groups g ON g.id = c.group_id
      JOIN channels ch ON ch.id = c.channel_id
      JOIN messages m ON m.id = ${messageId}
     WHERE c.id = ${conversationId}
       AND CASE ${kind}::outbox_kind
             WHEN 'welcome' THEN btrim(coalesce(g.welcome_message, '')) <> ''
             WHEN 'out_of_hours' THEN btrim(coalesce(g.out_of_hours_message, '')) <> ''
             ELSE ch.menu IS NOT NULL
           END
    ON CONFLICT (conversation_id, kind, step) DO NOTHING
    RETURNING 1`);
  return rows.length > 0;
}

type ContentSource = { welcome: string | null; outOfHours: string | null; menu: EntryMenu | null; body: string | null };

/** What the row of this kind sends now (the group's text, the channel's menu); null when there is nothing any more. */
function contentOf(kind: OutboxKind, source: ContentSource): { stored: { type: string; body: string; payload: Record<string, unknown> | null }; send: OutgoingContent } | null {
  const text = (body: string | null) =>
    body ? { stored: { type: "text", body, payload: null }, send: { type: "text", text: { preview_url: containsUrl(body), body } } as OutgoingContent } : null;
  if (kind === "welcome") return text(source.welcome);
  if (kind === "out_of_hours") return text(source.outOfHours);
  if (kind === "queue_position") return text(source.body);
  if (!source.menu) return null;
  const menu = menuMessage(source.menu, LIST_BUTTON, { again: kind === "menu_again" });
  if (menu.type === "text") return text(menu.body);
  return { stored: { type: "interactive", body: menu.body, payload: { interactive: menu.interactive } }, send: { type: "interactive", interactive: menu.interactive } };
}

/** The content of a message stored by an earlier claim, sent as it was stored. */
function storedContent(message: { type: string; body: string | null; payload: Record<string, unknown> | null }): OutgoingContent {
  if (message.type === "interactive" && message.payload?.interactive) {
    return { type: "interactive", interactive: message.payload.interactive as Record<string, unknown> };
  }
  const body = message.body ?? "";
  return { type: "text", text: { preview_url: containsUrl(body), body } };
}

export type WelcomeDelivery =
  | { outcome: "sent"; target: OutboundTarget; messageId: number }
  | { outcome: "failed"; target: OutboundTarget; messageId: number; error: GraphApiError; willRetry: boolean }
  | { outcome: "skipped"; reason: string };

type Claim = {
  openedAt: Date;
  messageId: number | null;
  attempts: number;
  windowOpen: boolean;
  welcome: string | null;
  outOfHours: string | null;
  menu: EntryMenu | null;
  body: string | null;
  /** Someone has the conversation (or it left the queue): a place-in-line message is no longer true. */
  taken: boolean;
  previousState: "pending" | "sending" | "failed";
  previousClaimAt: Date | string;
};

/**
 * Delivers the welcome of one conversation if it is due and nobody else holds it.
 * Null when there is nothing to do (none queued, already sent, or someone else's claim).
 */
export async function deliverWelcome(db: Db, conversationId: number, graph: GraphConfig, kind: OutboxKind = "welcome", step = 0): Promise<WelcomeDelivery | null> {
  const claimed = await db.transaction(async (tx) => {
    const [claim] = await tx.execute<Claim>(sql`
      WITH previous AS (
        SELECT conversation_id, kind, step, state, updated_at FROM welcome_outbox
         WHERE conversation_id = ${conversationId} AND kind = ${kind} AND step = ${step} FOR UPDATE
      )
      UPDATE welcome_outbox o
         SET state = 'sending', attempts = o.attempts + 1, updated_at = now(),
             lease_until = now() + make_interval(secs => ${WELCOME_LEASE_SECONDS})
        FROM previous p, conversations c JOIN channel_groups g ON g.id = c.group_id JOIN channels ch ON ch.id = c.channel_id
       WHERE o.conversation_id = p.conversation_id AND o.kind = p.kind AND o.step = p.step AND c.id = o.conversation_id
         AND (o.state = 'pending'
              OR (o.state = 'failed' AND o.next_attempt_at <= now())
              OR (o.state = 'sending' AND o.lease_until < now()))
      RETURNING o.opened_at AS "openedAt", o.message_id::int AS "messageId", o.attempts,
                o.opened_at > now() - interval '24 hours' AS "windowOpen",
                nullif(btrim(g.welcome_message), '') AS welcome, nullif(btrim(g.out_of_hours_message), '') AS "outOfHours", ch.menu,
                o.body, (c.status <> 'queued' OR c.assignee_id IS NOT NULL) AS taken,
                p.state AS "previousState", p.updated_at AS "previousClaimAt"`);
    if (!claim) return null;
    const content = contentOf(kind, claim);
    const takenAway = kind === "queue_position" && claim.taken;
    if (claim.messageId === null && (!claim.windowOpen || !content || takenAway)) {
      const reason = !claim.windowOpen
        ? "the 24-hour window of the opening message has closed"
        : takenAway
          ? "an agent has the conversation"
          : `there is no ${kind.replace(/_/g, "-")} message any more`;
      await finish(tx, conversationId, kind, "skipped", reason, step);
      return { skipped: reason } as const;
    }
    const target = await loadOutboundTarget(tx as unknown as Db, conversationId);
    if (!target) return null;
    if (claim.messageId !== null) {
      const [message] = await tx.execute<{ type: string; body: string | null; payload: Record<string, unknown> | null; waMessageId: string | null }>(sql`
        SELECT type, body, payload, wa_message_id AS "waMessageId" FROM messages WHERE id = ${claim.messageId}`);
      // Sent before the interruption, only not marked: mark it, send nothing.
      if (message?.waMessageId) {
        await finish(tx, conversationId, kind, "sent", null, step);
        return { alreadySent: true, target, messageId: claim.messageId } as const;
      }
      // Interrupted while Meta was answering? Meta's "sent" status tells.
      if (claim.previousState === "sending") {
        const adopted = await adoptReportedSend(tx, target, claim.messageId, new Date(claim.previousClaimAt));
        if (adopted) {
          await finish(tx, conversationId, kind, "sent", null, step);
          return { alreadySent: true, target, messageId: claim.messageId } as const;
        }
      }
      return { target, messageId: claim.messageId, content: message ? storedContent(message) : content!.send } as const;
    }
    // First attempt: the outbound message is stored with the claim, so that the thread
    // shows it and a retry sends this same message.
    const { stored, send } = content!;
    const [row] = await tx.execute<{ id: number }>(sql`
      INSERT INTO messages (conversation_id, direction, type, body, payload, author_type, status)
      VALUES (${conversationId}, 'out', ${stored.type}, ${stored.body}, ${stored.payload ? JSON.stringify(stored.payload) : null}::jsonb, 'system', 'pending')
      RETURNING id::int AS id`);
    await tx.execute(sql`UPDATE welcome_outbox SET message_id = ${row!.id} WHERE conversation_id = ${conversationId} AND kind = ${kind} AND step = ${step}`);
    await tx.execute(sql`
      UPDATE conversations SET welcome_sent_at = ${kind === "welcome" ? sql`COALESCE(welcome_sent_at, now())` : sql`welcome_sent_at`},
             last_message_at = GREATEST(last_message_at, now())
       WHERE id = ${conversationId}`);
    return { target, messageId: row!.id, content: send } as const;
  });
  if (!claimed) return null;
  if ("skipped" in claimed) return { outcome: "skipped", reason: claimed.skipped ?? "" };
  if ("alreadySent" in claimed) return { outcome: "sent", target: claimed.target, messageId: claimed.messageId };

  const { target, messageId, content } = claimed;
  let waMessageId: string;
  try {
    ({ waMessageId } = await sendMessage(graph, target.channel, target.to, content));
  } catch (error) {
    const failure = error instanceof GraphApiError ? error : new GraphApiError({ message: String(error) }, null, 0);
    const [row] = await db.execute<{ attempts: number }>(sql`SELECT attempts FROM welcome_outbox WHERE conversation_id = ${conversationId} AND kind = ${kind} AND step = ${step}`);
    const attempts = row?.attempts ?? WELCOME_MAX_ATTEMPTS;
    // Worth another try later: Meta or the network failing, not Meta refusing this message.
    const transient = failure.httpStatus === null || failure.httpStatus === 429 || failure.httpStatus >= 500;
    const willRetry = transient && failure.error.type !== "channel_token" && attempts < WELCOME_MAX_ATTEMPTS;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE welcome_outbox
           SET state = 'failed', lease_until = NULL, error = ${failure.message}, updated_at = now(),
               next_attempt_at = ${willRetry ? sql`now() + make_interval(secs => ${Math.min(5 * 2 ** (attempts - 1), 600)})` : sql`'infinity'::timestamptz`}
         WHERE conversation_id = ${conversationId} AND kind = ${kind} AND step = ${step}`);
      if (!willRetry) {
        await tx.execute(sql`
          UPDATE messages SET status = 'failed', error = ${JSON.stringify(failure.error)}::jsonb, failed_at = now() WHERE id = ${messageId}`);
      }
    });
    return { outcome: "failed", target, messageId, error: failure, willRetry };
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE messages SET wa_message_id = ${waMessageId}, status = 'sent', sent_at = now() WHERE id = ${messageId}`);
    await finish(tx, conversationId, kind, "sent", null, step);
  });
  return { outcome: "sent", target, messageId };
}

/**
 * A status Meta reported since `since` for a message to this contact from this number,
 * whose id no message of Fila has: the welcome whose answer a crash swallowed. Its id
 * is recorded on the welcome (the status bodies themselves were kept, processed).
 */
async function adoptReportedSend(tx: Tx, target: OutboundTarget, messageId: number, since: Date): Promise<boolean> {
  const [found] = await tx.execute<{ wamid: string }>(sql`
    SELECT s->>'id' AS wamid
      FROM webhook_events e,
           jsonb_array_elements(e.raw_body::jsonb->'entry') en,
           jsonb_array_elements(en->'changes') ch,
           jsonb_array_elements(CASE WHEN jsonb_typeof(ch->'value'->'statuses') = 'array' THEN ch->'value'->'statuses' ELSE '[]'::jsonb END) s
     WHERE e.outcome = 'processed' AND e.received_at >= ${since.toISOString()}::timestamptz - interval '5 seconds'
       AND jsonb_typeof(e.raw_body::jsonb->'entry') = 'array'
       AND ch->'value'->'metadata'->>'phone_number_id' = ${target.channel.phoneNumberId}
       AND (s->>'recipient_id' = ${target.to.waId} OR s->>'recipient_user_id' = ${target.to.userId})
       AND s->>'status' IN ('sent', 'delivered', 'read')
       AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.wa_message_id = s->>'id')
     ORDER BY e.received_at
     LIMIT 1`);
  if (!found?.wamid) return false;
  await tx.execute(sql`UPDATE messages SET wa_message_id = ${found.wamid}, status = 'sent', sent_at = now() WHERE id = ${messageId}`);
  return true;
}

async function finish(tx: Tx, conversationId: number, kind: OutboxKind, state: "sent" | "skipped", error: string | null, step: number) {
  await tx.execute(sql`
    UPDATE welcome_outbox SET state = ${state}, lease_until = NULL, error = ${error}, updated_at = now()
     WHERE conversation_id = ${conversationId} AND kind = ${kind} AND step = ${step}`);
}

/** Delivers every automatic message of the conversation that is due, in OUTBOX_KINDS order. */
export async function deliverAutomaticMessages(db: Db, conversationId: number, graph: GraphConfig): Promise<WelcomeDelivery[]> {
  const rows = await db.execute<{ kind: OutboxKind; step: number }>(sql`
    SELECT kind, step FROM welcome_outbox WHERE conversation_id = ${conversationId} AND state IN ('pending', 'failed', 'sending') ORDER BY step`);
  const deliveries: WelcomeDelivery[] = [];
  for (const kind of OUTBOX_KINDS) {
    for (const row of rows) {
      if (row.kind !== kind) continue;
      const delivery = await deliverWelcome(db, conversationId, graph, kind, row.step);
      if (delivery) deliveries.push(delivery);
    }
  }
  return deliveries;
}

/**
 * The safety net: welcomes never claimed (a crash before delivery began), claims whose
 * lease ran out (a crash during delivery) and failures due for another attempt.
 */
export async function sweepWelcomes(
  db: Db,
  graph: GraphConfig,
  options: { pendingAfterMs?: number; limit?: number; onDelivered?: (delivery: WelcomeDelivery) => void } = {},
): Promise<number> {
  const { pendingAfterMs = 3_000, limit = 50 } = options;
  const due = await db.execute<{ id: number; kind: OutboxKind; step: number }>(sql`
    SELECT conversation_id AS id, kind, step FROM welcome_outbox
     WHERE (state = 'pending' AND created_at < now() - make_interval(secs => ${pendingAfterMs / 1000}))
        OR (state = 'failed' AND next_attempt_at <= now())
        OR (state = 'sending' AND lease_until < now())
     ORDER BY created_at
     LIMIT ${limit}`);
  let delivered = 0;
  for (const { id, kind, step } of due) {
    const delivery = await deliverWelcome(db, id, graph, kind, step);
    if (delivery) {
      options.onDelivered?.(delivery);
      if (delivery.outcome === "sent") delivered++;
    }
  }
  return delivered;
}
