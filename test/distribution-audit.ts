// Replays the assignment events of a test database and reports every broken
// invariant, independently of the engine's own bookkeeping. Loads are recomputed from
// the events: every transaction that changes an agent's load holds that agent's users
// row lock while it writes its event, so event ids are in commit order per agent.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AssignmentEvent, Conversation } from "@/db/schema";
import type { AutoAssignmentReason } from "@/lib/distribution/plan-decisions";

export type AuditedEvent = Pick<AssignmentEvent, "id" | "conversationId" | "groupId" | "kind" | "actorId"> & {
  from: number | null;
  to: number | null;
  reason: AutoAssignmentReason | null;
  /** Milliseconds since the epoch, with the microseconds PostgreSQL keeps as the fraction. */
  createdAtMs: number;
};

/** Events and conversations of some groups only, when a test file shares its database between tests. */
const inGroups = (groupIds?: number[]) => (groupIds ? sql`WHERE group_id IN ${groupIds}` : sql``);

export async function readEvents(db: Db, groupIds?: number[]): Promise<AuditedEvent[]> {
  const rows = await db.execute<AuditedEvent>(sql`
    SELECT id::int, conversation_id AS "conversationId", group_id AS "groupId", kind, actor_id AS "actorId",
           from_user_id AS "from", to_user_id AS "to", reason,
           extract(epoch FROM created_at)::float8 * 1000 AS "createdAtMs"
      FROM assignment_events ${inGroups(groupIds)} ORDER BY id`);
  return [...rows];
}

type FinalConversation = Pick<Conversation, "id" | "groupId" | "status" | "assigneeId">;

export async function readConversations(db: Db, groupIds?: number[]): Promise<FinalConversation[]> {
  const rows = await db.execute<FinalConversation>(
    sql`SELECT id, group_id AS "groupId", status, assignee_id AS "assigneeId" FROM conversations ${inGroups(groupIds)} ORDER BY id`,
  );
  return [...rows];
}

/** Invariant 1 and 2: each conversation's events form one chain that ends in its current state. */
export function auditChains(events: AuditedEvent[], conversations: FinalConversation[]): string[] {
  const problems: string[] = [];
  const byConversation = new Map<number, AuditedEvent[]>();
  for (const e of events) byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);
  for (const c of conversations) {
    const chain = byConversation.get(c.id) ?? [];
    let holder: number | null = null;
    let closed = false;
    for (const e of chain) {
      // Closed is final, unless someone reopens it (docs/behaviour.md#the-inbox): that event starts a new chain.
      const reopens = e.kind === "self" && (e.reason as { policy?: string } | null)?.policy === "reopened";
      if (closed && !reopens) problems.push(`conversation ${c.id}: event ${e.id} after its close`);
      if (reopens && !closed) problems.push(`conversation ${c.id}: event ${e.id} reopens an open conversation`);
      if (e.from !== holder) problems.push(`conversation ${c.id}: event ${e.id} (${e.kind}) from ${e.from}, but ${holder} had it`);
      if ((e.kind === "auto" || e.kind === "self") && e.from !== null) problems.push(`conversation ${c.id}: ${e.kind} of an assigned conversation`);
      if (e.to === e.from && e.kind !== "close") problems.push(`conversation ${c.id}: event ${e.id} changes nothing`);
      holder = e.to;
      closed = e.kind === "close";
    }
    const last = chain.at(-1);
    if (c.status === "closed") {
      if (!closed || c.assigneeId !== (last?.from ?? null)) problems.push(`conversation ${c.id}: closed without its close event`);
    } else {
      if (c.assigneeId !== holder) problems.push(`conversation ${c.id}: assignee ${c.assigneeId}, events say ${holder}`);
      if ((c.status === "queued") !== (c.assigneeId === null)) problems.push(`conversation ${c.id}: ${c.status} with assignee ${c.assigneeId}`);
    }
  }
  return problems;
}

type Rules = { strategy: string; onlineOnly: boolean; maxOpenPerAgent: number | null; allowTakeBeyondCap: boolean };
type Member = { ownCap: number | null };

/**
 * Invariant 3 with the policies of docs/behaviour.md#policies: every automatic assignment went to an eligible
 * member — under their cap (their own, else the group's), never to someone it was
 * returned by or taken from — and the winner is first among the eligible by the
 * strategy's order, or the contact's last agent when the sticky policy says it decided.
 * The winner's load is the replayed one (and must match what the engine recorded). A
 * take in a group that refuses takes beyond the cap never goes past it either.
 */
export function auditAutomaticDecisions(
  events: AuditedEvent[],
  rulesOf: Map<number, Rules>,
  membersOf: Map<number, Map<number, Member> | Set<number>>,
): string[] {
  const problems: string[] = [];
  const load = new Map<number, number>();
  // Per conversation, who returned it (or had it taken) and the id of their latest such event.
  const returnedBy = new Map<number, Map<number, number>>();
  // A member removed later was a member when they received it.
  const formerMembers = new Set(events.filter((e) => e.reason?.policy === "member_removed").map((e) => `${e.groupId}:${e.from}`));
  const capOf = (groupId: number, userId: number) => {
    const members = membersOf.get(groupId);
    const own = members instanceof Map ? (members.get(userId)?.ownCap ?? null) : null;
    return own ?? rulesOf.get(groupId)!.maxOpenPerAgent;
  };
  for (const e of events) {
    if (e.kind === "auto") {
      const rules = rulesOf.get(e.groupId)!;
      const winner = e.to!;
      const current = load.get(winner) ?? 0;
      const reason = e.reason!;
      const seen = reason.candidates.find((c) => c.userId === winner);
      const cap = capOf(e.groupId, winner);
      if (!membersOf.get(e.groupId)?.has(winner) && !formerMembers.has(`${e.groupId}:${winner}`)) problems.push(`event ${e.id}: winner ${winner} is not a member`);
      if (reason.winner !== winner) problems.push(`event ${e.id}: reason names ${reason.winner}, assigned to ${winner}`);
      const returners = returnedBy.get(e.conversationId);
      if (reason.policy === "returned_longest_ago") {
        // Everyone eligible but for "returned means someone else" had returned it: the oldest latest return wins.
        if (seen?.whyCode !== "returned" || !returners?.has(winner)) problems.push(`event ${e.id}: returned_longest_ago to ${winner}, who had not returned it`);
        if (reason.candidates.some((c) => c.eligible)) problems.push(`event ${e.id}: returned_longest_ago while someone was eligible`);
        const couldHave = reason.candidates.filter(
          (c) => c.whyCode === "returned" && (!rules.onlineOnly || c.status === "online") && (c.cap == null || c.load < c.cap) && returners?.has(c.userId),
        );
        const oldest = couldHave.sort((x, y) => returners!.get(x.userId)! - returners!.get(y.userId)!)[0];
        if (oldest && oldest.userId !== winner) problems.push(`event ${e.id}: ${oldest.userId} returned it longer ago than ${winner}`);
      } else {
        if (!seen?.eligible) problems.push(`event ${e.id}: winner not eligible in its own reason`);
        if (returners?.has(winner)) problems.push(`event ${e.id}: ${winner} had returned conversation ${e.conversationId}`);
      }
      if (seen && seen.load !== current) problems.push(`event ${e.id}: engine saw load ${seen.load}, replay says ${current}`);
      if (cap !== null && current >= cap) problems.push(`event ${e.id}: ${winner} had ${current} open, cap ${cap}`);
      if (rules.onlineOnly && seen?.status !== "online") problems.push(`event ${e.id}: ${winner} was ${seen?.status}`);
      if (reason.policy === "returned_longest_ago") {
        // Judged above.
      } else if (reason.policy === "sticky") {
        if (reason.sticky?.agentId !== winner || !reason.sticky.applied) problems.push(`event ${e.id}: sticky, but not to the last agent`);
      } else {
        const better = reason.candidates.filter((c) => c.eligible && precedes(rules.strategy, c, seen!));
        if (seen && better.length > 0) problems.push(`event ${e.id}: ${better[0]!.userId} should have come before ${winner}`);
      }
    }
    if (e.kind === "self") {
      const cap = capOf(e.groupId, e.to!);
      const current = load.get(e.to!) ?? 0;
      if (!rulesOf.get(e.groupId)!.allowTakeBeyondCap && cap !== null && current >= cap) {
        problems.push(`event ${e.id}: ${e.to} took past their cap (${current}/${cap})`);
      }
    }
    if (e.kind === "requeue" && e.from !== null) returnedBy.set(e.conversationId, (returnedBy.get(e.conversationId) ?? new Map()).set(e.from, e.id));
    if (e.to !== null && e.kind !== "close") load.set(e.to, (load.get(e.to) ?? 0) + 1);
    if (e.from !== null) load.set(e.from, (load.get(e.from) ?? 0) - 1);
  }
  return problems;
}

type Ranked = { userId: number; load: number; turnKey: string | null };

function precedes(strategy: string, a: Ranked, b: Ranked): boolean {
  const key = (c: Ranked) => [strategy === "balanced" ? c.load : 0, c.turnKey ?? "", c.userId] as const;
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

export async function readRules(db: Db) {
  const groups = await db.execute<Rules & { id: number }>(
    sql`SELECT id, strategy, online_only AS "onlineOnly", max_open_per_agent AS "maxOpenPerAgent",
               allow_take_beyond_cap AS "allowTakeBeyondCap" FROM channel_groups`,
  );
  // Members removed since (their audit row) were members when they received theirs.
  const members = await db.execute<{ groupId: number; userId: number; ownCap: number | null }>(
    sql`SELECT group_id AS "groupId", user_id AS "userId", max_open AS "ownCap" FROM group_members
        UNION
        SELECT group_id, entity_id, NULL FROM audit_log
         WHERE action = 'member.removed' AND group_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = audit_log.group_id AND m.user_id = audit_log.entity_id)`,
  );
  const membersOf = new Map<number, Map<number, Member>>();
  for (const m of members) membersOf.set(m.groupId, (membersOf.get(m.groupId) ?? new Map()).set(m.userId, { ownCap: m.ownCap }));
  return { rulesOf: new Map(groups.map((g) => [g.id, g])), membersOf };
}

/**
 * Everything above, over the whole database or some groups (whose agents must then
 * belong to no other group, for the replayed loads to be complete).
 */
export async function auditDatabase(db: Db, groupIds?: number[]): Promise<string[]> {
  const [events, conversations, { rulesOf, membersOf }] = await Promise.all([
    readEvents(db, groupIds),
    readConversations(db, groupIds),
    readRules(db),
  ]);
  return [...auditChains(events, conversations), ...auditAutomaticDecisions(events, rulesOf, membersOf)];
}

/** Every user's load counter (users.open_conversations, kept by a trigger) equals the count of their open conversations. */
export async function auditLoadCounters(db: Db): Promise<string[]> {
  const rows = await db.execute<{ id: number; counter: number; actual: number }>(sql`
    SELECT u.id, u.open_conversations AS counter,
           (SELECT count(*)::int FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned') AS actual
      FROM users u`);
  return [...rows].filter((r) => r.counter !== r.actual).map((r) => `user ${r.id}: load counter ${r.counter}, ${r.actual} open conversations`);
}
