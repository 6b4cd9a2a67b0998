// For integration tests: a fresh, migrated database of their own (cloned from the
// template the global setup migrated, with the demo data when `seeded`), dropped when
// the test file ends.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db } from "@/db/client";

export type TestDatabase = { db: Db; sql: postgres.Sql; url: string; drop: () => Promise<void> };

export async function createTestDatabase(options: { max?: number; seeded?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `fila_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${options.seeded ? "fila_test_seeded" : "fila_test_template"}`);
  await admin.end();
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const { db, sql } = createDb(url, { max: options.max ?? 20 });
  return {
    db,
    sql,
    url,
    drop: async () => {
      await sql.end({ timeout: 5 });
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
