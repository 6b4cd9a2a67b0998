// SIGTERM in the middle of an ingest burst (docs/operations.md#stopping): the server stops
// taking requests, the batch it holds is committed or goes back to the queue, no lease is
// left held, the embedded PostgreSQL stops, and the process exits. Every body it
// acknowledged is then in the queue or processed, none twice, and the rest are processed
// by the next consumer.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { freePort, isProcessAlive } from "@/db/processes";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";
import { processWebhookBatch, signBody } from "@/lib/whatsapp";
import { startServerProcess } from "@/test/server-process";
import { newWaId, SUPORTE } from "@/test/whatsapp-fixtures";

const dataDir = path.join(".data", `shutdown-test-${process.pid}`);
const nextDir = `.next-shutdown-${process.pid}`;
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(nextDir, { recursive: true, force: true });
});

const APP_SECRET = "shutdown-test-app-secret";
const BODIES = 400;

describe("SIGTERM mid-ingest", () => {
  it("hands back or commits the batch, releases every lease, stops PostgreSQL and exits; nothing acknowledged is lost or doubled", async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const server = await startServerProcess(
      {
        NODE_ENV: "development",
        EMBEDDED_PG_PORT: String(pgPort),
        FILA_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NEXTAUTH_URL: "",
        NEXTAUTH_SECRET: "",
        NEXT_DIST_DIR: nextDir,
        WHATSAPP_APP_SECRET: APP_SECRET,
        REDIS_URL: "",
        // One body per transaction: many transactions, so that the signal lands in one.
        INGEST_CONCURRENCY: "1",
        INGEST_BATCH: "1",
        GRAPH_API_URL: "http://127.0.0.1:9",
      },
      port,
    );
    const pgPid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(isProcessAlive(pgPid)).toBe(true);

    const acknowledged: string[] = [];
    let sent = 0;
    let terminated: Promise<number | null> | undefined;
    const post = async (waId: string) => {
      const raw = JSON.stringify(messagesNotification(SUPORTE, [{ waId, name: `Burst ${waId}` }], [inboundMessage(waId, content.text(`shutdown burst ${waId}`))]));
      try {
        const answer = await fetch(`http://localhost:${port}/api/webhooks/whatsapp`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hub-signature-256": signBody(APP_SECRET, raw) },
          body: raw,
        });
        if (answer.status === 200) acknowledged.push(waId);
      } catch {
        // Refused once the server stopped taking connections: Meta sends it again later.
      }
    };
    // Eight senders; SIGTERM once half the bodies were acknowledged, while the rest still come.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < BODIES) {
          sent++;
          await post(newWaId());
          if (!terminated && acknowledged.length >= BODIES / 2) terminated = server.stop("SIGTERM");
        }
      }),
    );
    expect(terminated).toBeDefined();
    await terminated;
    expect(server.output()).toContain("SIGTERM: shutting down");
    // The process is gone, and its PostgreSQL with it.
    await expect.poll(() => isProcessAlive(pgPid), { timeout: 60_000, interval: 200 }).toBe(false);

    // Look at what it left, on the same data folder.
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort });
    const { db, sql: client } = createDb(pg.url, { max: 2 });
    try {
      const ours = sql`SELECT e.outcome, e.raw_body FROM webhook_events e WHERE e.raw_body LIKE '%shutdown burst%'`;
      const events = await db.execute<{ outcome: string; raw_body: string }>(ours);
      // Every acknowledged body is stored, once.
      const storedIds = events.map((e) => /shutdown burst (\d+)/.exec(e.raw_body)![1]!);
      for (const waId of acknowledged) expect(storedIds).toContain(waId);
      expect(new Set(storedIds).size).toBe(storedIds.length);
      // Processed or still queued: none left half-done.
      expect(events.filter((e) => e.outcome !== "processed" && e.outcome !== "received")).toEqual([]);
      const messages = async () =>
        (await db.execute<{ body: string; n: number }>(sql`SELECT body, count(*)::int AS n FROM messages WHERE body LIKE 'shutdown burst %' GROUP BY body`));
      const processed = events.filter((e) => e.outcome === "processed").length;
      expect((await messages()).length).toBe(processed);
      // No lease held by the stopped instance.
      const [held] = await db.execute<{ n: number }>(sql`
        SELECT (SELECT count(*) FROM welcome_outbox WHERE state = 'sending')
             + (SELECT count(*) FROM media_files WHERE state = 'downloading')::int AS n`);
      expect(Number(held!.n)).toBe(0);

      // The next consumer finishes what was handed back: each body once.
      for (let i = 0; i < 10_000; i++) {
        const batch = await processWebhookBatch(db, { limit: 50 });
        if (batch.outcomes.length === 0) break;
      }
      const all = await messages();
      expect(all.length).toBe(storedIds.length);
      expect(all.filter((m) => m.n !== 1)).toEqual([]);
    } finally {
      await client.end();
      await pg.stop();
    }
  }, 10 * 60_000);
});
