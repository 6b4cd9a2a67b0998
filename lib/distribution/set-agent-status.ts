// Online / Paused / Offline. Coming online sets availableSince, which sends the agent
// to the back of the sequential line, and can make them eligible: their groups drain.
// Leaving online starts awaySince, the away-reassignment timer.
import { z } from "zod";
import type { Db } from "@/db/client";
import { userStatus, type User } from "@/db/schema";
import { requireActor, type Actor } from "@/lib/auth/permissions";
import { parseInput, UserError } from "@/lib/errors";
import { transaction } from "./connection";
import { drainGroups, memberGroupIds } from "./drain";
import type { DistributionResult } from "./types";

export async function setAgentStatus(
  db: Db,
  input: { userId: number; status: User["status"]; source?: "agent" | "presence" },
): Promise<DistributionResult & { groupIds: number[]; changed: boolean }> {
  const previous = await transaction(db, async (tx) => {
    // The lock a decision takes on its winner: it sees the status before or after this, never between.
    const [row] = await tx<{ status: User["status"] }[]>`SELECT status FROM users WHERE id = ${input.userId} FOR NO KEY UPDATE`;
    if (!row) throw new UserError("not_found", "This user does not exist.", { userId: input.userId });
    if (row.status !== input.status) {
      // Read by the trigger that writes agent_status_history (who made the change).
      await tx`SELECT set_config('fila.status_source', ${input.source ?? "agent"}, true)`;
      await tx`
        UPDATE users
           SET status = ${input.status},
               available_since = CASE WHEN ${input.status} = 'online' THEN clock_timestamp() ELSE available_since END,
               -- The away-reassignment timer (docs/behaviour.md#policies): paused then offline is one absence.
               away_since = CASE WHEN ${input.status} = 'online' THEN NULL
                                 WHEN status = 'online' THEN clock_timestamp()
                                 ELSE coalesce(away_since, clock_timestamp()) END
         WHERE id = ${input.userId}`;
    }
    return row.status;
  });
  const changed = previous !== input.status;
  const groupIds = await memberGroupIds(db, input.userId);
  const drained = changed && input.status === "online" ? await drainGroups(db, groupIds) : { changes: [] };
  return { ...drained, groupIds, changed };
}

export const statusSchema = z.enum(userStatus.enumValues, { error: "error.invalidValue" });

/** The signed-in user's own status (the header's switch): anyone may set theirs, nobody another's. */
export async function setOwnStatus(db: Db, actor: Actor | null | undefined, status: User["status"]) {
  const me = requireActor(actor);
  const parsed = parseInput(statusSchema, status);
  return { status: parsed, ...(await setAgentStatus(db, { userId: me.id, status: parsed })) };
}
