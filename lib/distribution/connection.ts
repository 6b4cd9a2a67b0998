// The engine talks to PostgreSQL through the postgres.js client under drizzle: its
// tagged templates become prepared statements (one round trip each, where drizzle's
// execute() parses and describes every time), and statements sent together on one
// connection are pipelined. The decision loop is the hot path of the product;
// scripts/bench-engine.ts holds it to raw SQL speed.
import type postgres from "postgres";
import type { Db, SqlTx } from "@/db/client";

export type Sql = postgres.Sql;
/** The pool, an open transaction or a reserved connection. */
export type Client = postgres.ISql;
export type Connection = postgres.ReservedSql;

export function clientOf(db: Db): Sql {
  return db.$client;
}

export function transaction<T>(db: Db, work: (tx: SqlTx) => Promise<T>): Promise<T> {
  return clientOf(db).begin(work) as Promise<T>;
}

/**
 * A connection of the pool to itself, for a transaction that sends its own BEGIN and
 * COMMIT inside its pipelines (so they cost no round trip of their own). Whatever
 * `work` leaves open is rolled back.
 */
export async function withConnection<T>(db: Db, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await clientOf(db).reserve();
  try {
    return await work(connection);
  } catch (error) {
    // Outside a transaction this is only a warning; inside, it ends it.
    await connection`ROLLBACK`.catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
