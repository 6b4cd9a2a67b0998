// A conversation's history of assignment events, for the thread (docs/behaviour.md#why-this-agent: who, when,
// kind, from → to, in line), and — for managers — the latest automatic decision with
// every candidate as the engine judged them ("Why <agent>?").
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { AssignmentEvent, BusinessHours, IneligibleCode, PolicyName, RoutingStep, User } from "@/db/schema";
import { openStateAt } from "@/lib/routing/business-hours";
import type { AutoAssignmentReason } from "@/lib/distribution/plan-decisions";

type Person = { id: number; name: string };

export type ActivityEvent = {
  id: number;
  kind: AssignmentEvent["kind"];
  at: string;
  actor: Person | null;
  from: Person | null;
  to: Person | null;
  /** The policy that caused or decided it (away, no_reply, member_removed, sticky). */
  policy: PolicyName | null;
  /** A timer policy's minutes. */
  minutes: number | null;
  /** An entry-menu step (kind route), with the name of the group it went to. */
  routing: (RoutingStep & { groupName: string | null }) | null;
  /** A transfer to another group: the names of the group it left and the one it went to. */
  moved: { from: string; to: string } | null;
};

export type DecisionCandidate = {
  userId: number;
  name: string;
  status: User["status"];
  load: number;
  turnKey: string | null;
  eligible: boolean;
  whyCode: IneligibleCode | null;
  /** The engine's own words (English), for codes this interface does not know. */
  why: string | null;
  cap: number | null;
};

export type AutomaticDecision = {
  eventId: number;
  at: string;
  strategy: AutoAssignmentReason["strategy"];
  winner: Person;
  policy: PolicyName | null;
  sticky: { agent: Person; applied: boolean; why: string | null; whyCode: IneligibleCode | null } | null;
  /** Not normal: the queue served it by priority (docs/behaviour.md#service-levels). */
  priority: "urgent" | "high" | "low" | null;
  candidates: DecisionCandidate[];
};

/** Why a queued conversation is not being assigned, when the reason is the group's business hours (docs/behaviour.md#entry-menu). */
export type WaitingReason = { code: "closed"; nextChange: string | null };

export type ConversationActivity = { events: ActivityEvent[]; decision: AutomaticDecision | null; waiting?: WaitingReason | null };

type Row = {
  id: number;
  kind: AssignmentEvent["kind"];
  at: string;
  actorId: number | null;
  actorName: string | null;
  fromId: number | null;
  fromName: string | null;
  toId: number | null;
  toName: string | null;
  reason: AutoAssignmentReason | null;
  groupName: string | null;
  fromGroupName: string | null;
};

const person = (id: number | null, name: string | null): Person | null => (id === null ? null : { id, name: name ?? "" });

export async function loadConversationActivity(
  db: Queryable,
  conversationId: number,
  options: { withDecision: boolean },
): Promise<ConversationActivity> {
  const rows = await db.execute<Row>(sql`
    SELECT e.id::int, e.kind, to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
           e.actor_id AS "actorId", a.name AS "actorName", e.from_user_id AS "fromId", f.name AS "fromName",
           e.to_user_id AS "toId", t.name AS "toName", e.reason, g.name AS "groupName", fg.name AS "fromGroupName"
      FROM assignment_events e
      JOIN channel_groups g ON g.id = e.group_id
      LEFT JOIN channel_groups fg ON fg.id = (e.reason -> 'group' ->> 'from')::int
      LEFT JOIN users a ON a.id = e.actor_id
      LEFT JOIN users f ON f.id = e.from_user_id
      LEFT JOIN users t ON t.id = e.to_user_id
     WHERE e.conversation_id = ${conversationId}
     ORDER BY e.id`);
  const events = rows.map(
    (r): ActivityEvent => ({
      id: r.id,
      kind: r.kind,
      at: r.at,
      actor: person(r.actorId, r.actorName),
      from: person(r.fromId, r.fromName),
      to: person(r.toId, r.toName),
      policy: r.reason?.policy ?? null,
      minutes: r.reason?.minutes ?? null,
      routing: r.reason?.routing ? { ...r.reason.routing, groupName: r.groupName } : null,
      moved: r.fromGroupName !== null ? { from: r.fromGroupName, to: r.groupName ?? "" } : null,
    }),
  );
  const latestAuto = options.withDecision ? rows.findLast((r) => r.kind === "auto" && r.reason?.candidates) : undefined;
  return {
    events,
    decision: latestAuto ? await describeDecision(db, latestAuto) : null,
    waiting: options.withDecision ? await waitingReason(db, conversationId) : null,
  };
}

/** A queued conversation of a group outside its business hours: nothing is assigned until it opens. */
async function waitingReason(db: Queryable, conversationId: number): Promise<WaitingReason | null> {
  const [row] = await db.execute<{ businessHours: BusinessHours | null }>(sql`
    SELECT g.business_hours AS "businessHours" FROM conversations c JOIN channel_groups g ON g.id = c.group_id
     WHERE c.id = ${conversationId} AND c.status = 'queued'`);
  if (!row?.businessHours) return null;
  const state = openStateAt(row.businessHours, new Date());
  return state.open ? null : { code: "closed", nextChange: state.nextChange?.toISOString() ?? null };
}

async function describeDecision(db: Queryable, row: Row): Promise<AutomaticDecision> {
  const reason = row.reason!;
  const ids = [...new Set([...reason.candidates.map((c) => c.userId), ...(reason.sticky ? [reason.sticky.agentId] : [])])];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.execute<Person>(sql`SELECT id, name FROM users WHERE id = ANY(${`{${ids.join(",")}}`}::int[])`)).map((p) => [p.id, p.name]),
  );
  const candidates = reason.candidates.map(
    (c): DecisionCandidate => ({
      userId: c.userId,
      name: names.get(c.userId) ?? "",
      status: c.status,
      load: c.load,
      turnKey: c.turnKey,
      eligible: c.eligible,
      whyCode: c.whyCode ?? null,
      why: c.why ?? null,
      cap: c.cap ?? reason.rules?.maxOpenPerAgent ?? null,
    }),
  );
  const stickyCandidate = reason.sticky ? candidates.find((c) => c.userId === reason.sticky!.agentId) : undefined;
  return {
    eventId: row.id,
    at: row.at,
    strategy: reason.strategy,
    winner: { id: reason.winner, name: names.get(reason.winner) ?? row.toName ?? "" },
    policy: reason.policy ?? null,
    sticky: reason.sticky
      ? {
          agent: { id: reason.sticky.agentId, name: names.get(reason.sticky.agentId) ?? "" },
          applied: reason.sticky.applied,
          why: stickyCandidate?.why ?? null,
          whyCode: stickyCandidate?.whyCode ?? null,
        }
      : null,
    priority: reason.priority ?? null,
    candidates,
  };
}
