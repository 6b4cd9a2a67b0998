// The stored durations (migration 0029) against the definition computed from scratch: over
// random conversations whose instants are set, moved by late assignment events, cleared by
// a reopen and set again, across hour and day boundaries, the summary's and the headline's
// queue wait, first response and resolution (count, median, p90, buckets, per agent) equal
// percentile_cont over `extract(epoch FROM instant − created_at)` for random periods that
// start and end at any second.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { reportHeadline } from "./headline";
import { reportSummary } from "./summary";
import type { ReportFilter } from "./filter";

let t: TestDatabase;
let agents: number[];
let groupId: number;

/** Deterministic random numbers (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse("2026-03-01T00:00:00Z");
const DAYS = 6;

beforeAll(async () => {
  t = await createTestDatabase();
  const sql = t.sql;
  agents = [];
  for (const name of ["Ana", "Bruno", "Carla"]) {
    agents.push((await sql<{ id: number }[]>`INSERT INTO users (name, email, password_hash) VALUES (${name}, ${name.toLowerCase() + "@d.test"}, 'x') RETURNING id`)[0]!.id);
  }
  groupId = (await sql<{ id: number }[]>`INSERT INTO channel_groups (name, strategy) VALUES ('Durations', 'balanced') RETURNING id`)[0]!.id;
  const channelId = (await sql<{ id: number }[]>`INSERT INTO channels (group_id, display_number, phone_number_id) VALUES (${groupId}, '+55 11 5100-0000', 'd-1') RETURNING id`)[0]!.id;
  const rand = random(2701);
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < 300; i++) {
    // Created at any microsecond-free millisecond of the days; the instants after it cross
    // hours and days (up to 30 hours later).
    const created = START + Math.floor(rand() * DAYS * 86_400_000);
    const later = (max: number) => created + Math.floor(rand() * max);
    const [contact] = await sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES (${"5511970" + String(i).padStart(6, "0")}, ${"C" + i}) RETURNING id`;
    const agent = agents[Math.floor(rand() * agents.length)]!;
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at)
      VALUES (${contact!.id}, ${channelId}, ${groupId}, 'assigned', ${agent}, ${iso(created)}, ${iso(created)}) RETURNING id`;
    const id = row!.id;
    if (rand() < 0.9) {
      const assigned = later(rand() < 0.5 ? 600_000 : 30 * 3_600_000);
      await sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, created_at) VALUES (${id}, ${groupId}, 'auto', ${agent}, ${iso(assigned)})`;
      // A late event, recorded after but earlier in time: it becomes the first assignment.
      if (rand() < 0.2) {
        await sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, created_at)
                  VALUES (${id}, ${groupId}, 'self', ${agent}, ${iso(created + Math.floor((assigned - created) * rand()))})`;
      }
    }
    if (rand() < 0.8) await sql`UPDATE conversations SET first_response_at = ${iso(later(rand() < 0.5 ? 900_000 : 20 * 3_600_000))} WHERE id = ${id}`;
    if (rand() < 0.7) {
      await sql`UPDATE conversations SET status = 'closed', closed_at = ${iso(later(30 * 3_600_000))} WHERE id = ${id}`;
      // Reopened (closed_at cleared), then maybe closed again later.
      if (rand() < 0.2) {
        await sql`UPDATE conversations SET status = 'assigned', closed_at = NULL WHERE id = ${id}`;
        if (rand() < 0.5) await sql`UPDATE conversations SET status = 'closed', closed_at = ${iso(later(40 * 3_600_000))} WHERE id = ${id}`;
      }
    }
  }
});
afterAll(() => t.drop());

type Scratch = { agent: number | null; total: number; count: number; percentiles: [number, number] | null; buckets: number[] };

/** The definition, from scratch: percentile_cont over the seconds computed from the instants. */
async function fromScratch(column: "first_assigned_at" | "first_response_at" | "closed_at", filter: ReportFilter): Promise<Scratch[]> {
  return t.sql.unsafe(
    `SELECT d.agent, GROUPING(d.agent) AS total, count(*)::int AS count,
            percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY d.s) AS percentiles,
            ARRAY[count(*) FILTER (WHERE d.s < 60), count(*) FILTER (WHERE d.s >= 60 AND d.s < 300), count(*) FILTER (WHERE d.s >= 300 AND d.s < 900),
                  count(*) FILTER (WHERE d.s >= 900 AND d.s < 3600), count(*) FILTER (WHERE d.s >= 3600 AND d.s < 14400), count(*) FILTER (WHERE d.s >= 14400)]::int[] AS buckets
       FROM (SELECT c.assignee_id AS agent, extract(epoch FROM c.${column} - c.created_at)::float8 AS s
               FROM conversations c WHERE c.${column} >= $1 AND c.${column} < $2 AND c.group_id = $3) d
      GROUP BY GROUPING SETS ((), (d.agent))`,
    [filter.from.toISOString(), filter.to.toISOString(), groupId],
  ) as unknown as Promise<Scratch[]>;
}

const bucketsOf = (b: Record<string, number>) => [b.lt1m, b["1to5m"], b["5to15m"], b["15to60m"], b["1to4h"], b.gt4h];

describe("stored durations equal the definition", () => {
  it("in the summary and the headline, for random periods at any second, in total and per agent", async () => {
    const rand = random(27);
    let compared = 0;
    for (let round = 0; round < 8; round++) {
      const from = new Date(START + Math.floor(rand() * (DAYS - 1) * 86_400) * 1000);
      const to = new Date(from.getTime() + (1 + Math.floor(rand() * 2 * 86_400)) * 1000);
      const filter: ReportFilter = { from, to, groupId, timeZone: "America/Sao_Paulo" };
      const [summary, headline] = await Promise.all([reportSummary(t.db, filter), reportHeadline(t.db, filter)]);
      const figures = [
        ["first_assigned_at", summary.queueWaitSeconds, headline.queueWaitSeconds, (a: (typeof summary.agents)[number]) => a.queueWaitSeconds],
        ["first_response_at", summary.firstResponseSeconds, headline.firstResponseSeconds, (a: (typeof summary.agents)[number]) => a.firstResponseSeconds],
        ["closed_at", summary.resolutionSeconds, headline.resolutionSeconds, (a: (typeof summary.agents)[number]) => a.resolutionSeconds],
      ] as const;
      for (const [column, stats, head, ofAgent] of figures) {
        const rows = await fromScratch(column, filter);
        const total = rows.find((r) => r.total === 1)!;
        const expected = { count: total.count, median: total.percentiles?.[0] ?? null, p90: total.percentiles?.[1] ?? null };
        expect({ count: stats.count, median: stats.median, p90: stats.p90 }, `${column} ${from.toISOString()}`).toEqual(expected);
        expect({ count: head.count, median: head.median, p90: head.p90 }, `${column} headline`).toEqual(expected);
        if ("buckets" in stats) {
          expect(bucketsOf(stats.buckets), `${column} buckets`).toEqual(total.buckets);
          expect(bucketsOf((head as typeof stats).buckets), `${column} headline buckets`).toEqual(total.buckets);
        }
        for (const row of rows.filter((r) => r.total === 0 && r.agent !== null)) {
          const agent = summary.agents.find((a) => a.agentId === row.agent)!;
          expect(ofAgent(agent), `${column} agent ${row.agent}`).toEqual({ count: row.count, median: row.percentiles?.[0] ?? null, p90: row.percentiles?.[1] ?? null });
        }
        compared += total.count;
      }
    }
    // The rounds did compare something (not eight empty periods).
    expect(compared).toBeGreaterThan(200);
  });

  it("follow the instants they are made of: a reopen clears the resolution, a late event moves the queue wait", async () => {
    const [c] = await t.sql<{ id: number; created: string }[]>`SELECT id, created_at::text AS created FROM conversations WHERE closed_at IS NOT NULL AND first_assigned_at IS NOT NULL ORDER BY id LIMIT 1`;
    await t.sql`UPDATE conversations SET closed_at = NULL, status = 'assigned' WHERE id = ${c!.id}`;
    const earlier = new Date(new Date(c!.created).getTime() + 1500);
    await t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, created_at) VALUES (${c!.id}, ${groupId}, 'self', ${agents[0]!}, ${earlier.toISOString()})`;
    const [row] = await t.sql<{ resolution: number | null; wait: number }[]>`SELECT resolution_seconds AS resolution, queue_wait_seconds AS wait FROM conversations WHERE id = ${c!.id}`;
    expect(row).toEqual({ resolution: null, wait: 1.5 });
  });
});
