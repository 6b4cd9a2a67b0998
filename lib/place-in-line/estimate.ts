// The customer's place in line: how long until someone has them (docs/behaviour.md#place-in-line).
// A pure function of the group's recent pace — assignments per minute over the last
// PACE_WINDOW_MINUTES, the agents online, and the free places under their caps — and
// the position; plus the one statement that reads that pace (readPace).
//
// minutes = (position − free places) ÷ pace, rounded up, at least 1, at most MAX_TOLD_MINUTES.
// Cold start (no assignment in the window, so no pace to read): each online agent (at
// least one, as someone has to come back for anyone to be served) is assumed to take a
// new customer every COLD_START_MINUTES_PER_CUSTOMER minutes. This is a guess, stated
// as one: it only decides the first figure a group ever tells after a quiet half hour,
// and the reports measure it like every other (docs/benchmarks.md#place-in-line).
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";

/** The window the pace is read over (SPEC §13). */
export const PACE_WINDOW_MINUTES = 30;
/** The cold-start guess: minutes per customer per online agent when nothing was assigned in the window. */
export const COLD_START_MINUTES_PER_CUSTOMER = 5;
/** Never promise more than this; a longer wait is told as this many minutes. */
export const MAX_TOLD_MINUTES = 240;

export type Pace = {
  /** Conversations taken out of the queue by someone (automatic, self or manager assignment) in the window. */
  assignedInWindow: number;
  /** Members online (or any active member, in a group that does not ask for online). */
  onlineAgents: number;
  /** Places free under the caps of those agents right now (0 when everyone is at their cap). */
  freePlaces: number;
};

/** Assignments per minute the estimate uses, and whether it is the cold-start guess. */
export function paceOf(pace: Pace): { perMinute: number; coldStart: boolean } {
  if (pace.assignedInWindow > 0) return { perMinute: pace.assignedInWindow / PACE_WINDOW_MINUTES, coldStart: false };
  return { perMinute: Math.max(1, pace.onlineAgents) / COLD_START_MINUTES_PER_CUSTOMER, coldStart: true };
}

/** Minutes until a customer at `position` (1 = next) is likely assigned; a whole number in 1..MAX_TOLD_MINUTES. */
export function estimateMinutes(position: number, pace: Pace): number {
  if (!Number.isFinite(position) || position < 1) throw new RangeError(`position must be 1 or more, got ${position}`);
  const ahead = Math.max(0, position - Math.max(0, pace.freePlaces));
  if (ahead === 0) return 1;
  const { perMinute } = paceOf(pace);
  return Math.min(MAX_TOLD_MINUTES, Math.max(1, Math.ceil(ahead / perMinute)));
}

/**
 * The group's pace now. `minuteSeconds` shortens a minute in tests (POLICY_MINUTE_SECONDS),
 * as for the timer policies.
 */
export async function readPace(db: Db | Tx, groupId: number, minuteSeconds = 60): Promise<Pace> {
  const [row] = await db.execute<Pace>(sql`
    WITH g AS (SELECT id, online_only, max_open_per_agent FROM channel_groups WHERE id = ${groupId}),
    members AS (
      SELECT u.id, coalesce(m.max_open, g.max_open_per_agent) AS cap,
             (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned')::int AS load
        FROM g JOIN group_members m ON m.group_id = g.id JOIN users u ON u.id = m.user_id
       WHERE u.active AND (u.status = 'online' OR NOT g.online_only)
    )
    SELECT (SELECT count(*) FROM assignment_events e, g
             WHERE e.group_id = g.id AND e.kind IN ('auto', 'self', 'manager') AND e.to_user_id IS NOT NULL
               AND e.created_at > now() - make_interval(secs => ${PACE_WINDOW_MINUTES * minuteSeconds}::float8))::int AS "assignedInWindow",
           (SELECT count(*) FROM members)::int AS "onlineAgents",
           (SELECT coalesce(sum(greatest(0, cap - load)), 0) FROM members WHERE cap IS NOT NULL)::int AS "freePlaces"`);
  return row ?? { assignedInWindow: 0, onlineAgents: 0, freePlaces: 0 };
}
