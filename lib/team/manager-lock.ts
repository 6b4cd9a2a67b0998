// Changes that could leave Fila without a manager (a role change, a deactivation) take
// the rows of every active manager first, in id order, and check there the caller is
// still one of them: two managers demoting each other at once are serialized here, and
// the second sees the first's change — there is always one active manager left.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { UserError } from "@/lib/errors";

/** Locks the active managers' rows; refuses a caller who is no longer an active manager. Returns their ids. */
export async function lockActiveManagers(tx: Tx, actorId: number): Promise<number[]> {
  const rows = await tx.execute<{ id: number }>(sql`
    SELECT id FROM users WHERE role = 'manager' AND active ORDER BY id FOR NO KEY UPDATE`);
  const ids = rows.map((r) => r.id);
  if (!ids.includes(actorId)) throw new UserError("forbidden", "Only managers can do this.");
  return ids;
}
