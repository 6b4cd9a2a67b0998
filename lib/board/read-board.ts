// The live board (docs/behaviour.md#manager-area): per group, the queue and each agent's status, load, time
// since their last assignment, eligibility and place in the line. The facts are the
// engine's own (candidates.ts) and so are the rules that rank them (choose-agent.ts).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { BusinessHours, ChannelGroup, User } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { readAgentFacts } from "@/lib/distribution/candidates";
import { whyNotEligible, type NotEligible } from "@/lib/distribution/choose-agent";
import { waitingReasonOf, type WaitingReasonCode } from "@/lib/distribution/waiting-reason";
import { invalidFields, parseId } from "@/lib/errors";
import { hoursNow, type HoursNow } from "@/lib/groups/hours-now";
import { slaSql } from "@/lib/service-levels/sla-sql";
import { turnOrder } from "./turn-order";

/** Inactive members are not on the board. */
export type NotEligibleReason = Exclude<NotEligible["code"], "inactive">;

export type BoardAgent = {
  userId: number;
  name: string;
  status: User["status"];
  /** Open conversations across all groups. */
  load: number;
  /** Of those, the ones in this group ("1 here · 3 total"). */
  loadHere: number;
  lastAssignedAt: string | null;
  availableSince: string | null;
  /** When the current status began (the status history's last change): "online for", "paused for". */
  statusSince: string | null;
  eligible: boolean;
  reason: NotEligibleReason | null;
  /** 1 = receives the next conversation; null when not eligible or the group is manual. */
  turn: number | null;
};

export type BoardGroup = Pick<ChannelGroup, "id" | "name" | "strategy" | "onlineOnly" | "maxOpenPerAgent"> & {
  /** Business hours now (docs/behaviour.md#entry-menu); a closed group's agents show "closed" as why not. */
  hours: HoursNow;
  queueLength: number;
  oldestQueuedAt: string | null;
  /** Open conversations past 80% of a target, and past one (docs/behaviour.md#service-levels). */
  slaAtRisk: number;
  slaOverdue: number;
  /** The next instant one of those counts changes by time alone (a target reaching 80% or
   *  passing): the board reads again then, since no event marks "at risk". */
  slaNextChangeAt: string | null;
  /** Why the queue waits ("3 waiting: nobody online"); null when it is empty or being assigned. */
  waitingReason: WaitingReasonCode | null;
  /** The longest-waiting conversations of the queue (at most BOARD_WAITING_LIMIT), oldest first. */
  waiting: BoardWaiting[];
  agents: BoardAgent[];
};

/** A queued conversation on the board: who waits, since when, why nobody has it yet. */
export type BoardWaiting = { conversationId: number; contactName: string | null; contactNumber: string | null; queuedAt: string; reason: WaitingReasonCode | null };

/** The board shows a short list; the group's queue in the inbox has the rest. */
export const BOARD_WAITING_LIMIT = 5;

export type Board = { generatedAt: string; groups: BoardGroup[] };

type GroupRow = Omit<BoardGroup, "agents" | "hours" | "waitingReason" | "waiting"> & { businessHours: BusinessHours | null };
type PersonRow = { groupId: number; id: number; name: string; loadHere: number; lastAssignedAt: string | null; statusSince: string | null };
type WaitingRow = Omit<BoardWaiting, "reason"> & { groupId: number };

const isoUtc = (column: ReturnType<typeof sql>) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The whole board, or one group's (`{ groupId }`, a number or the text of one). */
export async function readBoard(db: Db, actor: Actor | null | undefined, query: { groupId?: number | string } = {}): Promise<Board> {
  requireManager(actor);
  const options = { groupId: query.groupId === undefined ? undefined : parseId(query.groupId, "groupId") };
  const groups = await db.execute<GroupRow>(sql`
    SELECT g.id, g.name, g.strategy, g.online_only AS "onlineOnly", g.max_open_per_agent AS "maxOpenPerAgent",
           g.business_hours AS "businessHours", q.length AS "queueLength", ${isoUtc(sql`q.oldest`)} AS "oldestQueuedAt",
           s.at_risk AS "slaAtRisk", s.overdue AS "slaOverdue", ${isoUtc(sql`n.next`)} AS "slaNextChangeAt"
      FROM channel_groups g
      CROSS JOIN LATERAL (SELECT count(*)::int AS length, min(c.queued_at) AS oldest
                            FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued') q
      CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE x.sla = 'at_risk')::int AS at_risk, count(*) FILTER (WHERE x.sla = 'overdue')::int AS overdue
                            FROM (SELECT ${slaSql} AS sla FROM conversations
                                   WHERE conversations.group_id = g.id AND conversations.status <> 'closed'
                                     AND conversations.queue_due_at < 'infinity') x) s
      CROSS JOIN LATERAL (SELECT min(t.at) AS next
                            FROM conversations c
                            CROSS JOIN LATERAL unnest(ARRAY[CASE WHEN c.first_response_at IS NULL THEN c.first_response_due_at END,
                                                            c.resolution_due_at]) AS d(due)
                            CROSS JOIN LATERAL unnest(ARRAY[d.due - (d.due - c.created_at) * 0.2, d.due]) AS t(at)
                           WHERE c.group_id = g.id AND c.status <> 'closed' AND c.queue_due_at < 'infinity'
                             AND d.due IS NOT NULL AND t.at > now()) n
     ${options.groupId === undefined ? sql`` : sql`WHERE g.id = ${options.groupId}`}
     ORDER BY lower(g.name)`);
  // A filter naming no group is bad input (400, the field named), as in the reports; 404 is
  // for an id in the path.
  if (options.groupId !== undefined && groups.length === 0) throw invalidFields({ groupId: "groups.invalid.unknownGroup" });
  const [facts, people, waitingRows] = await Promise.all([
    Promise.all(groups.map((g) => readAgentFacts(db, g.id))),
    // The last assignment per group: receiving one in Vendas says nothing of Suporte.
    db.execute<PersonRow>(sql`
      SELECT m.group_id AS "groupId", u.id, u.name,
             (SELECT count(*)::int FROM conversations c
               WHERE c.group_id = m.group_id AND c.assignee_id = u.id AND c.status = 'assigned') AS "loadHere",
             ${isoUtc(sql`(SELECT max(e.created_at) FROM assignment_events e
                            WHERE e.to_user_id = u.id AND e.group_id = m.group_id
                              AND e.kind IN ('auto', 'self', 'manager', 'transfer'))`)} AS "lastAssignedAt",
             ${isoUtc(sql`(SELECT max(h.changed_at) FROM agent_status_history h WHERE h.user_id = u.id)`)} AS "statusSince"
        FROM group_members m
        JOIN users u ON u.id = m.user_id
       WHERE u.active ${options.groupId === undefined ? sql`` : sql`AND m.group_id = ${options.groupId}`}`),
    db.execute<WaitingRow>(sql`
      SELECT w.id AS "conversationId", w.group_id AS "groupId", w.name AS "contactName", w.number AS "contactNumber",
             ${isoUtc(sql`w.queued_at`)} AS "queuedAt"
        FROM (SELECT c.id, c.group_id, c.queued_at, coalesce(k.display_name, k.profile_name) AS name, k.wa_id AS number,
                     row_number() OVER (PARTITION BY c.group_id ORDER BY c.queued_at, c.id) AS place
                FROM conversations c JOIN contacts k ON k.id = c.contact_id
               WHERE c.status = 'queued' ${options.groupId === undefined ? sql`` : sql`AND c.group_id = ${options.groupId}`}) w
       WHERE w.place <= ${BOARD_WAITING_LIMIT}
       ORDER BY w.queued_at, w.id`),
  ]);
  const person = new Map(people.map((p) => [`${p.groupId}:${p.id}`, p]));

  const now = new Date();
  return {
    generatedAt: now.toISOString(),
    groups: groups.map(({ businessHours, ...row }, i) => {
      const hours = hoursNow(businessHours, now);
      const group = { ...row, hours };
      const members = facts[i]!.filter((agent) => agent.active);
      // A closed group's members are judged as the engine judges them: nobody is eligible.
      const rules = { ...group, open: hours.open };
      const turns = new Map(turnOrder(rules, members).map((userId, index) => [userId, index + 1]));
      const agents = members.map((agent): BoardAgent => {
        const why = whyNotEligible(agent, rules);
        return {
          userId: agent.userId,
          name: person.get(`${group.id}:${agent.userId}`)?.name ?? "",
          status: agent.status,
          load: agent.load,
          loadHere: person.get(`${group.id}:${agent.userId}`)?.loadHere ?? 0,
          lastAssignedAt: person.get(`${group.id}:${agent.userId}`)?.lastAssignedAt ?? null,
          availableSince: agent.availableSince,
          statusSince: person.get(`${group.id}:${agent.userId}`)?.statusSince ?? null,
          eligible: why === null,
          // The board knows no conversation, so "returned" never shows here; an own cap is a cap.
          reason: why === null || why.code === "inactive" || why.code === "returned" ? null : why.code === "ownCap" ? "atCap" : why.code,
          turn: turns.get(agent.userId) ?? null,
        };
      });
      // Who is next first, then the others by name.
      agents.sort((a, b) => (a.turn ?? Infinity) - (b.turn ?? Infinity) || a.name.localeCompare(b.name));
      // The engine's own judgement (waiting-reason.ts) over the facts the board already read.
      const waitingReason = group.queueLength > 0 ? waitingReasonOf("queued", rules, facts[i]!) : null;
      const waiting = waitingRows
        .filter((w) => w.groupId === group.id)
        .map((w): BoardWaiting => ({ conversationId: w.conversationId, contactName: w.contactName, contactNumber: w.contactNumber, queuedAt: w.queuedAt, reason: waitingReason }));
      return { ...group, waitingReason, waiting, agents };
    }),
  };
}
