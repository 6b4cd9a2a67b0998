// Issue 11 finding 5: after a database outage the pool must heal by itself. A
// PostgreSQL of this test's own (never the machine's) is stopped and started again while
// the app's database client is under load; once it is back, the next minute of traffic
// succeeds, every request.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { freePort } from "./processes";

const dataDir = path.join(".data", `pool-outage-${process.pid}`);
let pg: EmbeddedDatabase | undefined;

afterAll(async () => {
  await pg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the database pool across an outage", () => {
  it("recovers by itself: the minute after PostgreSQL is back has no failed request", async () => {
    const port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port, database: "fila", fresh: true });
    const { db, sql } = createDb(pg.url, { max: 10 });
    await sql`CREATE TABLE IF NOT EXISTS hits (id serial PRIMARY KEY, at timestamptz DEFAULT now())`;

    let phase: "before" | "outage" | "after" | "done" = "before";
    const counts = { before: { ok: 0, failed: 0 }, outage: { ok: 0, failed: 0 }, after: { ok: 0, failed: 0 } };
    const errors: string[] = [];
    // Eight clients, each a request after the other, as the app's handlers would be.
    const load = Array.from({ length: 8 }, async (_, i) => {
      while (phase !== "done") {
        const current = phase;
        try {
          if (i % 2 === 0) await sql`SELECT count(*) FROM hits`;
          else await db.transaction(async (tx) => void (await tx.execute("INSERT INTO hits DEFAULT VALUES")));
          counts[current].ok++;
        } catch (error) {
          counts[current].failed++;
          if (current === "after") errors.push(String(error));
        }
        await sleep(current === "outage" ? 100 : 20);
      }
    });

    await sleep(2_000);
    phase = "outage";
    await sleep(300); // requests of the first phase finish before the stop
    await pg.stop();
    await sleep(10_000);
    pg = await startEmbeddedPostgres({ dataDir, port, database: "fila" });
    phase = "after";
    await sleep(60_000);
    phase = "done";
    await Promise.all(load);
    await sql.end({ timeout: 5 });

    console.log(JSON.stringify({ test: "pool-outage", outageSeconds: 10, ...counts }));
    expect(counts.before.failed).toBe(0);
    expect(counts.outage.failed).toBeGreaterThan(0);
    expect(errors.slice(0, 5)).toEqual([]);
    expect(counts.after.ok).toBeGreaterThan(100);
  }, 180_000);
});
