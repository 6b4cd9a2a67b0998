// GET /api/ready and GET /metrics (docs/operations.md#health-and-readiness, #metrics):
// readiness names what is missing, metrics carry the operations guide's names and are
// served to loopback or to the holder of METRICS_TOKEN only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createMetrics } from "./metrics";
import { answerMetrics, answerReady, migrationsKnown } from "./ops-endpoints";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

const facts = (over: Partial<Parameters<typeof answerReady>[0]> = {}) => ({
  db: t.db,
  migrations: migrationsKnown(),
  ingestRunning: () => true,
  stopping: () => false,
  ...over,
});

describe("GET /api/ready", () => {
  it("is 200 on a migrated, reachable database with the ingest thread running", async () => {
    const answer = await answerReady(facts());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ready: true, checks: { database: true, migrations: true, ingest: true, stopping: false } });
  });

  it("is 503 naming the check that failed: stopping, ingest down, a migration missing, the database away", async () => {
    const check = async (over: Partial<Parameters<typeof answerReady>[0]>) => {
      const answer = await answerReady(facts(over));
      expect(answer.status).toBe(503);
      return JSON.parse(answer.body).checks;
    };
    expect(await check({ stopping: () => true })).toMatchObject({ stopping: true });
    expect(await check({ ingestRunning: () => false })).toMatchObject({ ingest: false });
    expect(await check({ migrations: migrationsKnown() + 1 })).toMatchObject({ database: true, migrations: false });
    const away = createDb("postgres://postgres:postgres@127.0.0.1:9/fila", { max: 1 });
    try {
      expect(await check({ db: away.db })).toMatchObject({ database: false, migrations: false });
    } finally {
      await away.sql.end({ timeout: 0 });
    }
  });
});

describe("GET /metrics", () => {
  const metrics = createMetrics({ db: null as never, socketConnections: () => 3, poolWaiting: () => ({ main: 1, ingest: 0 }) });

  it("refuses a scraper off this machine without the token (403), or with a wrong one (401)", async () => {
    const token = "a-metrics-token-0123456789";
    expect((await answerMetrics(metrics, { clientAddress: "203.0.113.9", authorization: null, token: undefined })).status).toBe(403);
    expect((await answerMetrics(metrics, { clientAddress: "203.0.113.9", authorization: `Bearer ${token}`, token: undefined })).status).toBe(403);
    expect((await answerMetrics(metrics, { clientAddress: "203.0.113.9", authorization: null, token })).status).toBe(401);
    expect((await answerMetrics(metrics, { clientAddress: "203.0.113.9", authorization: "Bearer wrong", token })).status).toBe(401);
    expect((await answerMetrics(metrics, { clientAddress: null, authorization: `Bearer ${token}x`, token })).status).toBe(401);
  });

  it("serves every metric of the operations guide, with group and outcome labels, to loopback and to the token's holder", async () => {
    const live = createMetrics({ db: t.db, socketConnections: () => 3, poolWaiting: () => ({ main: 1, ingest: 0 }) });
    live.webhookAck(0.012, "stored");
    live.decision({ seconds: 0.004, groupId: 7, outcome: "assigned" });
    live.job("drain sweep", "failed", 0.2);
    const token = "a-metrics-token-0123456789";
    for (const request of [
      { clientAddress: "127.0.0.1", authorization: null, token: undefined },
      { clientAddress: "::1", authorization: null, token },
      { clientAddress: "203.0.113.9", authorization: `Bearer ${token}`, token },
    ]) {
      const answer = await answerMetrics(live, request);
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toContain("text/plain");
      for (const name of [
        "fila_webhook_ack_seconds_bucket{le=\"0.025\",outcome=\"stored\"} 1",
        "fila_ingest_queue_depth 0",
        "fila_ingest_lag_seconds 0",
        "fila_decision_seconds_count{group=\"7\",outcome=\"assigned\"} 1",
        "fila_conversations_waiting{group=",
        "fila_agents_online{group=",
        "fila_outbox_pending{outbox=\"welcome\"}",
        "fila_outbox_pending{outbox=\"webhooks\"}",
        "fila_socket_connections 3",
        "fila_db_pool_waiting{pool=\"main\"} 1",
        "fila_job_runs_total{job=\"drain sweep\",outcome=\"failed\"} 1",
        "process_resident_memory_bytes",
        "nodejs_eventloop_lag_seconds",
      ]) {
        expect(answer.body).toContain(name);
      }
    }
  });
});
