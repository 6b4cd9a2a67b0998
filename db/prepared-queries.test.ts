// withPreparedQueries (db/client.ts): drizzle's queries sent as prepared statements over
// the same pool, in and out of transactions and savepoints, with the same answers.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createDb, withPreparedQueries } from "./client";
import { users } from "./schema";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
});
afterAll(() => t.drop());

const preparedOnThisConnection = async (db: Pick<TestDatabase["db"], "execute">) =>
  Number([...(await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%"users"%'`))][0]!.n);

describe("queries prepared on the shared pool", () => {
  it("answers as the plain pool does, and prepares what it sends inside a transaction", async () => {
    const prepared = withPreparedQueries(t.db);
    const plain = await t.db.select({ name: users.name }).from(users).where(eq(users.email, "ana@fila.test"));
    expect(await prepared.select({ name: users.name }).from(users).where(eq(users.email, "ana@fila.test"))).toEqual(plain);
    await prepared.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.email, "bruno@fila.test"));
      expect(await preparedOnThisConnection(tx)).toBeGreaterThan(0);
    });
    // Drizzle alone, on a connection of its own, prepares nothing.
    const fresh = createDb(t.url, { max: 1 });
    try {
      await fresh.db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).where(eq(users.email, "bruno@fila.test"));
        expect(await preparedOnThisConnection(tx)).toBe(0);
      });
    } finally {
      await fresh.sql.end();
    }
  });

  it("rolls back a failed savepoint and a failed transaction", async () => {
    const prepared = withPreparedQueries(t.db);
    await prepared.transaction(async (tx) => {
      await tx.update(users).set({ name: "Ana S." }).where(eq(users.email, "ana@fila.test"));
      await expect(
        tx.transaction(async (inner) => {
          await inner.update(users).set({ name: "Nobody" }).where(eq(users.email, "bruno@fila.test"));
          throw new Error("undo the savepoint");
        }),
      ).rejects.toThrow("undo the savepoint");
    });
    await expect(
      prepared.transaction(async (tx) => {
        await tx.update(users).set({ name: "Gone" }).where(eq(users.email, "carla@fila.test"));
        throw new Error("undo it all");
      }),
    ).rejects.toThrow("undo it all");
    const names = await t.db.select({ email: users.email, name: users.name }).from(users).where(sql`${users.email} IN ('ana@fila.test', 'bruno@fila.test', 'carla@fila.test')`).orderBy(users.email);
    expect(names).toEqual([
      { email: "ana@fila.test", name: "Ana S." },
      { email: "bruno@fila.test", name: "Bruno Lima" },
      { email: "carla@fila.test", name: "Carla Dias" },
    ]);
  });
});
