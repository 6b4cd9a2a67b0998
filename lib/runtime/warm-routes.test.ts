import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeSessionToken as decode } from "@/test/session-token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { warmRoutes } from "./warm-routes";

const SECRET = "warm-up-test-secret-0123456789abcdef";

describe("the dev server's warm-up", () => {
  let database: TestDatabase;
  let server: Server;
  let baseUrl: string;
  const seen: { path: string; cookie?: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    server = createServer((req, res) => {
      seen.push({ path: req.url!, cookie: req.headers.cookie });
      // One route fails as a compile error would: the warm-up goes on.
      res.statusCode = req.url === "/reports" ? 500 : 200;
      if (req.url === "/inbox" || req.url === "/login") {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end('<link rel="stylesheet" href="/_next/static/chunks/app.css"><script src="/_next/static/chunks/inbox.js" async></script>');
      } else res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await database.drop();
  });

  it("visits the first pages and API routes signed in as a manager and as an agent, and survives a failing route", async () => {
    const lines: string[] = [];
    const result = await warmRoutes(database.db, { baseUrl, secret: SECRET, log: (line) => lines.push(line) });

    const paths = seen.map((visit) => visit.path);
    expect(paths).toEqual(expect.arrayContaining(["/login", "/inbox", "/omnichannel/channel-groups", "/omnichannel/board", "/reports"]));
    expect(paths.some((path) => /^\/api\/v1\/conversations\/\d+\/messages$/.test(path))).toBe(true);
    // A page's scripts and styles are asked for too (they compile on their own first request), once each.
    expect(paths.filter((path) => path.startsWith("/_next/static/"))).toEqual(["/_next/static/chunks/app.css", "/_next/static/chunks/inbox.js"]);
    expect(result).toMatchObject({ visited: seen.length - 2, failed: 1 });
    expect(lines.at(-1)).toMatch(/^warm-up: compiled \d+ routes in \d+ s \(1 failed\)$/);

    // The cookies are real sessions of seeded, active users with the role the page needs.
    const inbox = seen.find((visit) => visit.path === "/inbox")!;
    const board = seen.find((visit) => visit.path === "/omnichannel/board")!;
    const tokenOf = async (cookie: string | undefined) =>
      decode({ token: cookie!.replace("next-auth.session-token=", ""), secret: SECRET });
    const agent = await tokenOf(inbox.cookie);
    const manager = await tokenOf(board.cookie);
    const [agentRow] = await database.db.select().from(users).where(eq(users.id, agent!.uid));
    const [managerRow] = await database.db.select().from(users).where(eq(users.id, manager!.uid));
    expect(agentRow).toMatchObject({ role: "agent", active: true, sessionVersion: agent!.sv });
    expect(managerRow).toMatchObject({ role: "manager", active: true, sessionVersion: manager!.sv });
    expect(seen.find((visit) => visit.path === "/login")!.cookie).toBeUndefined();
  });
});
