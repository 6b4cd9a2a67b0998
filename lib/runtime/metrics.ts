// The Prometheus metrics of one instance (docs/operations.md#metrics): what this process
// measured (webhook acknowledgements, decisions, jobs, sockets, its pools) and, read from
// PostgreSQL when scraped, what every instance shares (the ingest queue, conversations
// waiting, agents online, outboxes). Names are the ones the operations guide documents.
import client from "prom-client";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { DecisionObservation } from "./observe";

export type MetricsSources = {
  db: Db;
  /** Sockets connected to this instance. */
  socketConnections: () => number;
  /** Callers waiting for a connection, per pool of this process (main, ingest). */
  poolWaiting: () => Record<string, number>;
};

export type Metrics = ReturnType<typeof createMetrics>;

// The shared figures are read once per scrape; a slow database must not make the scrape hang.
const SHARED_QUERY_TIMEOUT_MS = 2_000;

export function createMetrics(sources: MetricsSources) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  const webhookAck = new client.Histogram({
    name: "fila_webhook_ack_seconds",
    help: "Time from a WhatsApp webhook request's arrival to its answer, by outcome (stored, refused, error).",
    labelNames: ["outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const decision = new client.Histogram({
    name: "fila_decision_seconds",
    help: "Time of one distribution decision transaction (a group's queue head), by group id and outcome (assigned, idle, raced).",
    labelNames: ["group", "outcome"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobRuns = new client.Counter({
    name: "fila_job_runs_total",
    help: "Runs of each periodic job, by job and outcome (ok, failed).",
    labelNames: ["job", "outcome"],
    registers: [registry],
  });
  const jobSeconds = new client.Histogram({
    name: "fila_job_seconds",
    help: "Duration of each periodic job's runs.",
    labelNames: ["job"],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  new client.Gauge({
    name: "fila_socket_connections",
    help: "Socket.IO connections (browser tabs) open on this instance.",
    registers: [registry],
    collect() {
      this.set(sources.socketConnections());
    },
  });
  new client.Gauge({
    name: "fila_db_pool_waiting",
    help: "Callers of this instance waiting for a database connection of their own (transactions, reserved connections), by pool.",
    labelNames: ["pool"],
    registers: [registry],
    collect() {
      for (const [pool, waiting] of Object.entries(sources.poolWaiting())) this.set({ pool }, waiting);
    },
  });

  // The figures every instance shares, read in one round trip per scrape.
  type Shared = {
    queue: { depth: number; lag: number };
    waiting: { group: number; n: number }[];
    online: { group: number; n: number }[];
    outbox: { outbox: string; n: number }[];
  };
  let shared: Promise<Shared | null> | null = null;
  const readShared = () =>
    (shared ??= Promise.race([
      sources.db
        .execute<{ doc: Shared }>(sql`
          SELECT json_build_object(
            'queue', (SELECT json_build_object('depth', count(*), 'lag', COALESCE(EXTRACT(EPOCH FROM now() - min(received_at)), 0))
                        FROM webhook_events WHERE outcome IN ('received', 'failed')),
            'waiting', (SELECT COALESCE(json_agg(json_build_object('group', g.id, 'n', (SELECT count(*) FROM conversations c WHERE c.group_id = g.id AND c.status = 'queued'))), '[]')
                          FROM channel_groups g),
            'online', (SELECT COALESCE(json_agg(json_build_object('group', g.id, 'n',
                           (SELECT count(*) FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = g.id AND u.status = 'online'))), '[]')
                         FROM channel_groups g),
            'outbox', json_build_array(
              json_build_object('outbox', 'welcome', 'n', (SELECT count(*) FROM welcome_outbox WHERE state IN ('pending', 'sending'))),
              json_build_object('outbox', 'webhooks', 'n', (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending')))
          ) AS doc`)
        .then((rows) => rows[0]!.doc),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), SHARED_QUERY_TIMEOUT_MS).unref()),
    ])
      .catch(() => null)
      .finally(() => setTimeout(() => (shared = null), 0)));

  const sharedGauge = (name: string, help: string, labelNames: string[], fill: (gauge: client.Gauge, figures: Shared) => void) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const figures = await readShared();
        this.reset();
        if (figures) fill(this, figures);
      },
    });
  sharedGauge("fila_ingest_queue_depth", "Stored webhook bodies not yet processed (all instances share the queue).", [], (g, f) => g.set(Number(f.queue.depth)));
  sharedGauge("fila_ingest_lag_seconds", "Age of the oldest stored webhook body not yet processed (0 when none).", [], (g, f) => g.set(Number(f.queue.lag)));
  sharedGauge("fila_conversations_waiting", "Conversations queued for an agent, by group id.", ["group"], (g, f) => f.waiting.forEach((w) => g.set({ group: String(w.group) }, Number(w.n))));
  sharedGauge("fila_agents_online", "Agents online, by group id (an agent in two groups counts in both).", ["group"], (g, f) => f.online.forEach((o) => g.set({ group: String(o.group) }, Number(o.n))));
  sharedGauge("fila_outbox_pending", "Automatic messages (welcome, menu) and outgoing webhooks waiting to be sent, by outbox.", ["outbox"], (g, f) =>
    f.outbox.forEach((o) => g.set({ outbox: o.outbox }, Number(o.n))),
  );

  return {
    registry,
    webhookAck: (seconds: number, outcome: "stored" | "refused" | "error") => webhookAck.observe({ outcome }, seconds),
    decision: (o: DecisionObservation) => decision.observe({ group: String(o.groupId), outcome: o.outcome }, o.seconds),
    job: (job: string, outcome: "ok" | "failed", seconds: number) => {
      jobRuns.inc({ job, outcome });
      jobSeconds.observe({ job }, seconds);
    },
  };
}
