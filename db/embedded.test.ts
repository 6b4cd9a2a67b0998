import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";
import { freePort, isProcessAlive } from "./processes";

const dataDir = path.join(".data", `embedded-test-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("embedded PostgreSQL", () => {
  it("keeps its data across restarts and stops cleanly", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: "kept" });
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`CREATE TABLE notes (body text)`;
    await sql`INSERT INTO notes VALUES ('still here')`;
    await sql.end();
    await first.stop();
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port, database: "kept" });
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    expect(await sql`SELECT body FROM notes`).toEqual([{ body: "still here" }]);
    await sql.end();
    await second.stop();
  });
});
