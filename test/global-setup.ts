// Vitest global setup: one real PostgreSQL for the run (embedded on a free port, or the
// server named by TEST_DATABASE_URL), with a migrated template that each test file
// clones into its own database.
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/db/embedded";
import { createDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { freePort } from "@/db/processes";
import { seedDemoData } from "@/db/seed";

export const TEMPLATE_DATABASE = "fila_test_template";
/** The template plus the demo data of docs/behaviour.md#environment-and-demo-data, for tests that start from it. */
export const SEEDED_TEMPLATE_DATABASE = "fila_test_seeded";

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const port = await freePort();
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(".data", `test-${process.pid}`),
      port,
      database: "postgres",
      fresh: true,
    });
    adminUrl = embedded.adminUrl;
    stop = async () => {
      await embedded.stop();
      const { rmSync } = await import("node:fs");
      rmSync(path.join(".data", `test-${process.pid}`), { recursive: true, force: true });
    };
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${SEEDED_TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await admin.unsafe(`CREATE DATABASE ${SEEDED_TEMPLATE_DATABASE} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const seeded = createDb(withDatabase(adminUrl, SEEDED_TEMPLATE_DATABASE), { max: 1 });
  // Without the 30 days of history: the tests that start from the demo data count its conversations.
  await seedDemoData(seeded.db, { history: false });
  await seeded.sql.end();

  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
