// The database the app runs on: DATABASE_URL, or an embedded PostgreSQL under the data
// folder; migrated, and seeded with the demo data when it is empty.
import path from "node:path";
import { createDb } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { demoDataAllowed, type Env } from "@/lib/env";

export type PreparedDatabase = { url: string; embedded: boolean; seeded: boolean; stop: (graceMs?: number) => Promise<void> };

export async function prepareDatabase(env: Env, log: (line: string) => void): Promise<PreparedDatabase> {
  let url = env.DATABASE_URL;
  let stop: PreparedDatabase["stop"] = async () => {};
  if (!url) {
    const dataDir = path.join(env.FILA_DATA_DIR, "postgres");
    log(`starting embedded PostgreSQL in ${dataDir} on port ${env.EMBEDDED_PG_PORT}…`);
    const embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, handlesSignals: true });
    url = embedded.url;
    stop = embedded.stop;
  }
  await migrateDatabase(url);
  // Demo data goes into development databases, never into a production one (embedded
  // or not) unless asked (FILA_SEED_DEMO=1).
  let seeded = false;
  if (demoDataAllowed(env)) {
    const { db, sql } = createDb(url, { max: 1 });
    try {
      seeded = await seedDemoData(db);
    } finally {
      await sql.end();
    }
  }
  return { url, embedded: !env.DATABASE_URL, seeded, stop };
}
