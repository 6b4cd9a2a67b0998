import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

const dataDir = path.join(".data", `embedded-test-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

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
    expect(alive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port, database: "kept" });
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    expect(await sql`SELECT body FROM notes`).toEqual([{ body: "still here" }]);
    await sql.end();
    await second.stop();
  });
});
