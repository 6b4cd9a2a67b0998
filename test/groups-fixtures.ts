// What the manager-area tests share: the demo database's people as actors, queued
// conversations arriving in a group, and a snapshot of everything a manager can change,
// to prove that a refused call changed nothing.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { UserError, type UserErrorCode } from "@/lib/errors";

export async function actorOf(db: Db, handle: string): Promise<Actor> {
  const [row] = await db.execute<Actor>(sql`SELECT id, role FROM users WHERE email = ${`${handle}@fila.test`}`);
  if (!row) throw new Error(`no user ${handle}`);
  return { id: row.id, role: row.role };
}

export async function findGroupId(db: Db, name: string): Promise<number> {
  const [row] = await db.execute<{ id: number }>(sql`SELECT id FROM channel_groups WHERE name = ${name}`);
  if (!row) throw new Error(`no group ${name}`);
  return row.id;
}

/** New contacts write to the group's first channel: queued conversations, oldest first (as the webhook stores them). */
export async function queueConversations(db: Db, groupId: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const [row] = await db.execute<{ id: number }>(sql`
      WITH contact AS (INSERT INTO contacts (wa_id) VALUES (${`55${randomBytes(5).toString("hex")}`}) RETURNING id)
      INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at)
      SELECT contact.id, (SELECT min(id) FROM channels WHERE group_id = ${groupId}), ${groupId}, 'queued', clock_timestamp(), clock_timestamp()
        FROM contact
      RETURNING id`);
    ids.push(row!.id);
  }
  return ids;
}

export async function queuedCount(db: Db, groupId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE group_id = ${groupId} AND status = 'queued'`);
  return row!.n;
}

/** Everything the manager area writes, as text: equal snapshots mean nothing changed. */
export async function snapshot(db: Db): Promise<string> {
  const [row] = await db.execute<{ state: unknown }>(sql`
    SELECT json_build_object(
      'groups', (SELECT json_agg(g ORDER BY g.id) FROM channel_groups g),
      'members', (SELECT json_agg(m ORDER BY m.group_id, m.user_id) FROM group_members m),
      'channels', (SELECT json_agg(c ORDER BY c.id) FROM channels c),
      'users', (SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role,
                                                  'active', u.active, 'status', u.status, 'hash', u.password_hash) ORDER BY u.id) FROM users u),
      'conversations', (SELECT json_agg(json_build_object('id', c.id, 'status', c.status, 'assignee', c.assignee_id) ORDER BY c.id) FROM conversations c),
      'audit', (SELECT count(*) FROM audit_log)
    ) AS state`);
  return JSON.stringify(row!.state);
}

/** The code of the UserError a call is refused with (fails the test if it is accepted or fails otherwise). */
export async function refusal(call: () => Promise<unknown>): Promise<UserError> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(UserError);
  return error as UserError;
}

/** Refused with this code, and nothing changed. */
export async function expectRefusedUnchanged(db: Db, code: UserErrorCode, call: () => Promise<unknown>): Promise<UserError> {
  const before = await snapshot(db);
  const error = await refusal(call);
  expect(error.code, error.message).toBe(code);
  expect(await snapshot(db)).toBe(before);
  return error;
}
