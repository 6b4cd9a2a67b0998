// The CSV export streams a COPY at its reader's pace. On the pool's connections,
// postgres.js would pipeline other queries behind it and pause the socket while the
// reader is behind: a download that went away left those queries mid-protocol for good,
// holding their locks (a sign-in stuck `active` in `ClientRead` blocked the e2e reset).
// The export runs on a connection of its own, closed with its stream.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { conversationsCsv } from "./index";

let t: TestDatabase;
const period = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-02T00:00:00Z") };

beforeAll(async () => {
  // A pool of one: any query pipelined behind the COPY would wait on it.
  t = await createTestDatabase({ seeded: true, max: 1 });
  // Enough rows that the CSV outgrows a stream's buffer (about 1,000 × 200 bytes).
  await t.sql`
    WITH ch AS (SELECT id, group_id FROM channels ORDER BY id LIMIT 1),
         people AS (INSERT INTO contacts (wa_id, profile_name)
                    SELECT '55119' || lpad(g::text, 8, '0'), 'Cliente com um nome bem comprido número ' || g
                      FROM generate_series(1, 1000) g RETURNING id)
    INSERT INTO conversations (contact_id, channel_id, group_id, status, queued_at, last_inbound_at, created_at)
    SELECT people.id, ch.id, ch.group_id, 'queued', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z'
      FROM people, ch`;
});
afterAll(() => t.drop());

const copies = async () => {
  const rows = await t.sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND pid <> pg_backend_pid()`;
  return rows[0]!.n as number;
};

describe("the CSV export's connection", () => {
  it("is not the pool's: a reader that stops and goes away holds up no other query, and its connection closes", async () => {
    const stream = await conversationsCsv(t.db, period);
    await new Promise<void>((resolve) => stream.once("data", () => resolve()));
    stream.pause();
    // The reader is behind: the pool's one connection still answers.
    const [row] = await t.db.execute<{ one: number }>(sql`SELECT ${1}::int AS one`);
    expect(row!.one).toBe(1);
    // The reader goes away halfway (a download the browser cancelled).
    stream.destroy();
    await expect.poll(copies, { timeout: 30_000 }).toBe(0);
    const [again] = await t.db.execute<{ two: number }>(sql`SELECT ${2}::int AS two`);
    expect(again!.two).toBe(2);
  });

  it("closes when the reader reads to the end", async () => {
    let lines = 0;
    for await (const chunk of await conversationsCsv(t.db, period)) lines += String(chunk).split("\n").length - 1;
    expect(lines).toBe(1001);
    await expect.poll(copies, { timeout: 30_000 }).toBe(0);
  });
});
