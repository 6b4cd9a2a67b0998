// The demo's 30 days of history: thousands of closed conversations whose every derived
// figure agrees with its rows, and the inbox of today untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSummary } from "@/lib/reports";
import { seedHistory } from "./seed-history";
import { createTestDatabase, type TestDatabase } from "@/test/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

describe("seedHistory", () => {
  it("writes a month of closed conversations consistent with their events, and leaves today's inbox alone", async () => {
    const open = async () => (await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM conversations WHERE status <> 'closed'`)[0]!.n;
    const openBefore = await open();
    const written = await seedHistory(t.sql);
    // "A few thousand conversations" (issue 13): a row count, not a time.
    const fewThousand = { min: 1500, max: 6000 };
    expect(written).toBeGreaterThan(fewThousand.min);
    expect(written).toBeLessThan(fewThousand.max);
    expect(await open()).toBe(openBefore);

    // The rollups are the triggers' own, from the events: the first assignment, the transfers, the spans.
    const [check] = await t.sql<{ badFirst: number; badTransfers: number; openSpans: number; kinds: string[]; groups: number }[]>`
      SELECT (SELECT count(*)::int FROM conversations c
               WHERE c.first_assigned_at IS DISTINCT FROM (SELECT min(e.created_at) FROM assignment_events e WHERE e.conversation_id = c.id AND e.to_user_id IS NOT NULL)) AS "badFirst",
             (SELECT count(*)::int FROM conversations c
               WHERE c.transfer_count <> (SELECT count(*) FROM assignment_events e WHERE e.conversation_id = c.id AND e.kind = 'transfer')) AS "badTransfers",
             (SELECT count(*)::int FROM assignment_spans s JOIN conversations c ON c.id = s.conversation_id
               WHERE c.status = 'closed' AND s.ended_at IS NULL) AS "openSpans",
             (SELECT array_agg(DISTINCT kind::text ORDER BY kind::text) FROM assignment_events) AS kinds,
             (SELECT count(DISTINCT group_id)::int FROM conversations) AS groups`;
    expect(check).toEqual({ badFirst: 0, badTransfers: 0, openSpans: 0, kinds: ["auto", "close", "manager", "self", "transfer"], groups: 3 });

    // Times in order, and the welcome message never counts as a first response.
    const [order] = await t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM conversations
       WHERE NOT (created_at <= first_assigned_at AND first_assigned_at <= closed_at AND (first_response_at IS NULL OR first_response_at <= closed_at))`;
    expect(order!.n).toBe(0);

    // Everyone ends offline, as the users table says.
    const [statuses] = await t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM users u
       WHERE (SELECT h.status FROM agent_status_history h WHERE h.user_id = u.id ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) <> u.status`;
    expect(statuses!.n).toBe(0);

    const to = new Date();
    const summary = await reportSummary(t.db, { from: new Date(to.getTime() - 31 * 86_400_000), to, timeZone: "America/Sao_Paulo" });
    expect(summary.received).toBeGreaterThanOrEqual(written);
    expect(summary.assigned.auto).toBeGreaterThan(0);
    expect(summary.fairness.every((g) => g.index !== null && g.index > 0.8)).toBe(true);
    expect(summary.timeInStatus.every((s) => s.onlineSeconds > 0)).toBe(true);
    expect(summary.heatmap.filter((c) => c.weekday >= 1 && c.weekday <= 5 && c.hour === 10).every((c) => c.received > 0)).toBe(true);
  });
});
