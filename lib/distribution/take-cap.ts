// "Take beyond the cap" (docs/behaviour.md#policies, allowTakeBeyondCap): when a group turns it off,
// "assign to me" is refused at the agent's cap (their own in the group, else the
// group's). Checked after the agent's users row is locked, so the load is exact.
import { UserError } from "@/lib/errors";
import type { SqlTx } from "@/db/client";

export async function refuseTakeAtCap(tx: SqlTx, groupId: number, agentId: number): Promise<void> {
  const [row] = await tx<{ allow: boolean; cap: number | null; load: number }[]>`
    SELECT g.allow_take_beyond_cap AS allow, coalesce(m.max_open, g.max_open_per_agent) AS cap,
           (SELECT open_conversations FROM users WHERE id = ${agentId}) AS load
      FROM channel_groups g
      LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = ${agentId}
     WHERE g.id = ${groupId}`;
  if (!row || row.allow || row.cap === null || row.load < row.cap) return;
  throw new UserError(
    "at_cap",
    `You already have ${row.load} open conversations, the cap in this group is ${row.cap}: close one first, or ask a manager to assign it.`,
    { load: row.load, cap: row.cap },
  );
}
