// users.open_conversations (migrations 0018, 0021): an agent's load as a counter the
// decisions read, kept exact by triggers on conversations through every kind of change.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { auditLoadCounters } from "@/test/distribution-audit";
import { findGroupId, queueConversations } from "@/test/groups-fixtures";

let t: TestDatabase;
let ana: number;
let bruno: number;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  const ids = await t.db.execute<{ email: string; id: number }>(sql`SELECT email, id FROM users WHERE email IN ('ana@fila.test', 'bruno@fila.test')`);
  ana = [...ids].find((u) => u.email === "ana@fila.test")!.id;
  bruno = [...ids].find((u) => u.email === "bruno@fila.test")!.id;
});
afterAll(() => t.drop());

async function loads() {
  const rows = await t.db.execute<{ id: number; n: number }>(sql`SELECT id, open_conversations AS n FROM users WHERE id IN (${ana}, ${bruno})`);
  const byId = new Map([...rows].map((r) => [r.id, r.n]));
  return { ana: byId.get(ana), bruno: byId.get(bruno) };
}

describe("the load counter", () => {
  it("follows assignment, transfer, requeue, close, delete and truncate", async () => {
    const before = await loads();
    const [a, b, c] = (await queueConversations(t.db, await findGroupId(t.db, "Vendas"), 3)) as [number, number, number];
    const assign = (id: number, to: number) => t.db.execute(sql`UPDATE conversations SET status = 'assigned', assignee_id = ${to}, assigned_at = now() WHERE id = ${id}`);
    await assign(a, ana);
    await assign(b, ana);
    await assign(c, bruno);
    expect(await loads()).toEqual({ ana: before.ana! + 2, bruno: before.bruno! + 1 });
    // A transfer moves one from Ana to Bruno; touching other columns changes nothing.
    await t.db.execute(sql`UPDATE conversations SET assignee_id = ${bruno} WHERE id = ${b}`);
    await t.db.execute(sql`UPDATE conversations SET last_message_at = now() WHERE id IN (${a}, ${b}, ${c})`);
    expect(await loads()).toEqual({ ana: before.ana! + 1, bruno: before.bruno! + 2 });
    // Back to the queue, and closed.
    await t.db.execute(sql`UPDATE conversations SET status = 'queued', assignee_id = NULL WHERE id = ${a}`);
    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ${c}`);
    expect(await loads()).toEqual({ ana: before.ana, bruno: before.bruno! + 1 });
    // Inserted already assigned, then deleted.
    const [row] = await t.db.execute<{ id: number }>(sql`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, assigned_at)
      SELECT contact_id, channel_id, group_id, 'assigned', ${ana}, now(), now() FROM conversations WHERE id = ${c} RETURNING id`);
    expect((await loads()).ana).toBe(before.ana! + 1);
    await t.db.execute(sql`DELETE FROM conversations WHERE id = ${row!.id}`);
    expect(await auditLoadCounters(t.db)).toEqual([]);
    // Emptied at once: nobody has an open conversation.
    await t.db.execute(sql`TRUNCATE assignment_events, messages, conversations RESTART IDENTITY CASCADE`);
    expect(await loads()).toEqual({ ana: 0, bruno: 0 });
    expect(await auditLoadCounters(t.db)).toEqual([]);
  });
});
