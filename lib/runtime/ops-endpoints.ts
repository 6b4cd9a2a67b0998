// GET /api/ready and GET /metrics, answered by server.ts ahead of Next.js
// (docs/operations.md#health-and-readiness, #metrics): both need what only the server
// process knows (its ingest thread, whether it is stopping, its metrics registry).
import { readFileSync } from "node:fs";
import path from "node:path";
import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import type { Metrics } from "./metrics";

export const READY_PATH = "/api/ready";
export const METRICS_PATH = "/metrics";

type Answer = { status: number; headers: Record<string, string>; body: string };
const json = (status: number, body: unknown): Answer => ({ status, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(body) });

/** How many migrations this build carries (drizzle-kit's journal). */
export function migrationsKnown(folder = migrationsFolder): number {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

export type ReadinessFacts = { db: Db; migrations: number; ingestRunning: () => boolean; stopping: () => boolean };

/** 200 when this instance should get traffic: database reachable, migrated, ingest thread running, not stopping. 503 otherwise, naming what is not. */
export async function answerReady(facts: ReadinessFacts): Promise<Answer> {
  const checks = { database: false, migrations: false, ingest: facts.ingestRunning(), stopping: facts.stopping() };
  try {
    const [row] = await Promise.race([
      facts.db.execute<{ applied: number }>(sql`SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations`),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref()),
    ]);
    checks.database = true;
    checks.migrations = (row?.applied ?? 0) >= facts.migrations;
  } catch {
    // Unreachable (or too slow to count as reachable): not ready.
  }
  const ready = checks.database && checks.migrations && checks.ingest && !checks.stopping;
  return json(ready ? 200 : 503, { ready, checks });
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The Prometheus text, for a scraper on this machine (the client address server.ts
 * worked out: behind a trusted proxy, the proxy's client) or one that shows
 * `Authorization: Bearer $METRICS_TOKEN`.
 */
export async function answerMetrics(metrics: Metrics, request: { clientAddress: string | null; authorization: string | null; token: string | undefined }): Promise<Answer> {
  const fromLoopback = request.clientAddress !== null && LOOPBACK.has(request.clientAddress);
  if (!fromLoopback && !bearerMatches(request.authorization, request.token)) {
    return json(request.token ? 401 : 403, { error: request.token ? "metrics need Authorization: Bearer <METRICS_TOKEN>" : "metrics are served to this machine only (set METRICS_TOKEN)" });
  }
  return { status: 200, headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" }, body: await metrics.registry.metrics() };
}

function bearerMatches(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
