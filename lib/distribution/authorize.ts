// Authorization under the lock (issue 11 finding 3): a command's permission is checked
// inside its transaction, against the conversation row it has locked and the actor's
// current role, so that a permission checked a moment earlier (the conversation was
// theirs, they were a manager) can never act on a row that has changed since. The
// engine runs these when its caller asks (`authorize: true`): every command of a person
// does (lib/inbox/conversation-commands.ts); the engine's own moves have no person.
import { UserError } from "@/lib/errors";
import type { Client } from "./connection";

type Locked = { assigneeId: number | null };

async function currentActor(tx: Client, actorId: number): Promise<{ role: "manager" | "agent"; active: boolean } | undefined> {
  const [row] = await tx<{ role: "manager" | "agent"; active: boolean }[]>`SELECT role, active FROM users WHERE id = ${actorId}`;
  return row;
}

/** Transfer, return to the queue, close: the assignee of the locked row, or a manager. */
export async function requireCanWorkLocked(tx: Client, actorId: number, conversation: Locked): Promise<void> {
  const actor = await currentActor(tx, actorId);
  if (!actor?.active) throw new UserError("forbidden", "Please sign in again.");
  if (actor.role === "manager" || conversation.assigneeId === actorId) return;
  throw new UserError("forbidden", "Only the assigned agent or a manager can do this.");
}

/** Assigning to someone else: a manager, now. */
export async function requireManagerLocked(tx: Client, actorId: number): Promise<void> {
  const actor = await currentActor(tx, actorId);
  if (!actor?.active || actor.role !== "manager") throw new UserError("forbidden", "Only managers can do this.");
}
