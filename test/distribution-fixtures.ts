// Rows the distribution tests need, and nothing more: users, groups with members and a
// channel, and conversations that arrive the way the webhook makes them arrive.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelGroups, channels, groupMembers, users, type ChannelGroup, type User } from "@/db/schema";
import { UserError, type UserErrorCode } from "@/lib/errors";
import { routeNewConversation } from "@/lib/distribution/drain";

const unique = () => randomBytes(5).toString("hex");

export async function createAgents(
  db: Db,
  count: number,
  values: Partial<Pick<User, "role" | "status" | "active">> = {},
): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => {
        const handle = `agent-${i}-${unique()}`;
        return { name: `Agent ${handle}`, email: `${handle}@fila.test`, passwordHash: "not-a-hash", ...values };
      }),
    )
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}

export type TestGroup = { groupId: number; channelId: number };

export async function insertTestGroup(
  db: Db,
  input: Partial<Pick<ChannelGroup, "strategy" | "onlineOnly" | "maxOpenPerAgent">> & { members: number[] },
): Promise<TestGroup> {
  const { members, ...settings } = input;
  const [group] = await db.insert(channelGroups).values({ name: `Group ${unique()}`, ...settings }).returning();
  const [channel] = await db
    .insert(channels)
    .values({ groupId: group!.id, displayNumber: "+55 11 4000-0000", phoneNumberId: unique() })
    .returning();
  if (members.length > 0) await db.insert(groupMembers).values(members.map((userId) => ({ groupId: group!.id, userId })));
  return { groupId: group!.id, channelId: channel!.id };
}

/** A new contact's first message opens a queued conversation (what the webhook inserts). */
export async function insertQueuedConversation(db: Db, group: TestGroup): Promise<number> {
  const [row] = await db.execute<{ id: number }>(sql`
    WITH contact AS (INSERT INTO contacts (wa_id) VALUES (${`55${unique()}`}) RETURNING id)
    INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at)
    SELECT contact.id, ${group.channelId}, ${group.groupId}, 'queued', clock_timestamp(), clock_timestamp() FROM contact
    RETURNING id`);
  return row!.id;
}

/** Inserts a conversation and routes it, as the webhook does. */
export async function arrive(db: Db, group: TestGroup) {
  const conversationId = await insertQueuedConversation(db, group);
  return { conversationId, ...(await routeNewConversation(db, conversationId)) };
}

/** Sets statuses straight in the database, without draining: the state a crash leaves behind. */
export async function setStatusWithoutDrain(db: Db, userIds: number[], status: User["status"]) {
  if (userIds.length === 0) return;
  await db.execute(sql`
    UPDATE users SET status = ${status},
           available_since = CASE WHEN ${status} = 'online' AND status <> 'online' THEN clock_timestamp() ELSE available_since END
     WHERE id IN ${userIds}`);
}

export async function loadsOf(db: Db, userIds: number[]): Promise<Map<number, number>> {
  const rows = await db.execute<{ id: number; load: number }>(sql`
    SELECT u.id, (SELECT count(*)::int FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned') AS load
      FROM users u WHERE u.id IN ${userIds}`);
  return new Map(rows.map((r) => [r.id, r.load]));
}

export async function queuedIn(db: Db, groupId: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(
    sql`SELECT id FROM conversations WHERE group_id = ${groupId} AND status = 'queued' ORDER BY queued_at, id`,
  );
  return rows.map((r) => r.id);
}

/** A small seeded PRNG (mulberry32), so that a failing concurrent run can be replayed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

/** Runs `workers` loops at once, each on whatever pool connection it gets. */
export async function inParallel(workers: number, loop: (worker: number) => Promise<void>) {
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)));
}

/** Under concurrency some refusals are the expected answer (someone else was first); anything else fails the test. */
export async function refusedAs<T>(codes: readonly UserErrorCode[], operation: Promise<T>): Promise<T | UserError> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof UserError && codes.includes(error.code)) return error;
    throw error;
  }
}
