// A real Socket.IO server on a free port over a seeded test database, for the socket
// tests: the users' and groups' ids by handle or name, and one teardown.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { registerEmitter } from "@/lib/realtime/publish";
import { attachSocketServer } from "@/lib/realtime/socket-server";
import { createTestDatabase } from "./database";

export async function startSocketHarness(options: { secret: string; allowedOrigins?: string[] }) {
  const t = await createTestDatabase({ seeded: true });
  process.env.DATABASE_URL = t.url;
  const ids: Record<string, number> = {};
  for (const row of await t.sql`SELECT id, split_part(email, '@', 1) AS handle FROM users`) ids[row.handle] = row.id;
  for (const row of await t.sql`SELECT id, name FROM channel_groups`) ids[row.name] = row.id;
  const http = createServer();
  const io = attachSocketServer(http, { db: t.db, ...options });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  const stop = async () => {
    for (const c of clients) c.close();
    registerEmitter(undefined);
    io.close();
    await t.drop();
  };
  return { t, io, url, ids, clients, stop };
}
