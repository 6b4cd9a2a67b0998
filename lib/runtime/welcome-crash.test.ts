// Issue 11 finding 6, for real: the server is killed with SIGKILL during a burst of new
// conversations (each owed a welcome), then started again. Every conversation ends with
// exactly one welcome, stored as sent, and the Graph API received exactly one per
// contact — also those whose send was in flight at the kill: like Meta, the stand-in
// Graph API reports a "sent" status for every message it accepted (retrying until the
// app answers), which tells the restarted app that those were sent (welcome-message.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/db/processes";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, newWamid, postSignedWebhook, statusesNotification } from "@/dev/webhook-payloads";

const APP_SECRET = "welcome-crash-app-secret";
const CONTACTS = 64;
const distDir = `.next-welcome-crash-${process.pid}`;

let t: TestDatabase;
let graph: Server;
let graphUrl: string;
let appPort = 0;
let closing = false;
const sends: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // A Graph API that takes a while to answer, so that the kill finds sends in flight.
  graph = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as { to: string };
      sends.push(body.to);
      const wamid = newWamid();
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid }] }));
        void reportSent(wamid, body.to);
      }, 150);
    });
  });
  await new Promise<void>((resolve) => graph.listen(0, "127.0.0.1", resolve));
  graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
});

/** As Meta does: a "sent" status for each accepted message, delivered again until the app answers 200. */
async function reportSent(wamid: string, to: string) {
  const body = statusesNotification(VENDAS, [{ id: wamid, status: "sent", recipientId: to }]);
  for (let i = 0; i < 600 && !closing; i++) {
    try {
      const response = await postSignedWebhook(`http://localhost:${appPort}/api/webhooks/whatsapp`, APP_SECRET, body);
      if (response.status === 200) return;
    } catch {
      // The app is down: try again in a moment.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

afterAll(async () => {
  closing = true;
  for (const child of children) {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  await new Promise((resolve) => graph.close(resolve));
  await t.drop();
  rmSync(distDir, { recursive: true, force: true });
});

/** server.ts in a process group of its own, so that SIGKILL reaches tsx's node child too. */
async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/tsx", ["server.ts"], {
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      DATABASE_URL: t.url,
      NEXTAUTH_SECRET: "welcome-crash-nextauth-secret",
      NEXTAUTH_URL: `http://localhost:${port}`,
      WHATSAPP_APP_SECRET: APP_SECRET,
      GRAPH_API_URL: graphUrl,
      SWEEP_SECONDS: "1",
      NEXT_DIST_DIR: distDir,
      REDIS_URL: "",
    },
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  for (let i = 0; !output.includes("ready on"); i++) {
    if (child.exitCode !== null || i > 1200) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Compile the webhook route before the burst (development mode compiles on first use).
  await fetch(`http://localhost:${port}/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`);
  return child;
}

const bodyOf = (waId: string) => messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("Oi, quero comprar"))]);

describe("a crash during a burst of new conversations", () => {
  it("loses no welcome and sends none twice, also those in flight at the kill", async () => {
    const port = await freePort();
    appPort = port;
    const first = await startServer(port);
    const contacts = Array.from({ length: CONTACTS }, (_, i) => `55119${String(70_000_000 + i)}`);
    const acknowledged = new Set<string>();

    // The burst: every body posted at once; the kill comes once a few welcomes are out.
    const posts = contacts.map(async (waId) => {
      try {
        const response = await postSignedWebhook(`http://localhost:${port}/api/webhooks/whatsapp`, APP_SECRET, bodyOf(waId));
        if (response.status === 200) acknowledged.add(waId);
      } catch {
        // The connection died with the server: Meta would deliver this body again.
      }
    });
    for (let i = 0; sends.length < 8 && i < 600; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-first.pid!, "SIGKILL");
    await Promise.all(posts);
    await new Promise((r) => setTimeout(r, 500));

    const atKill = await t.sql`
      SELECT o.state, count(*)::int AS n FROM welcome_outbox o GROUP BY o.state ORDER BY o.state`;
    // Claims whose send may have reached the Graph API without its answer being recorded.
    const inFlight = new Set(
      (
        await t.sql`
          SELECT k.wa_id FROM welcome_outbox o
            JOIN conversations c ON c.id = o.conversation_id JOIN contacts k ON k.id = c.contact_id
            LEFT JOIN messages m ON m.id = o.message_id
           WHERE o.state = 'sending' AND m.wa_message_id IS NULL`
      ).map((r) => r.wa_id as string),
    );
    const welcomedBeforeKill = new Set(sends).size;

    // Start again; Meta redelivers what was not acknowledged.
    await startServer(port);
    for (const waId of contacts) {
      if (!acknowledged.has(waId)) await postSignedWebhook(`http://localhost:${port}/api/webhooks/whatsapp`, APP_SECRET, bodyOf(waId));
    }
    await expect
      .poll(
        async () => (await t.sql`SELECT count(*)::int AS n FROM welcome_outbox WHERE state = 'sent'`)[0]!.n,
        { timeout: 120_000, interval: 500 },
      )
      .toBe(CONTACTS);

    const perContact = await t.sql`
      SELECT k.wa_id, count(m.id)::int AS welcomes, bool_and(m.status = 'sent') AS sent
        FROM contacts k JOIN conversations c ON c.contact_id = k.id
        LEFT JOIN messages m ON m.conversation_id = c.id AND m.author_type = 'system'
       WHERE k.wa_id = ANY(${contacts})
       GROUP BY k.wa_id`;
    expect(perContact).toHaveLength(CONTACTS);
    for (const row of perContact) expect({ waId: row.wa_id, welcomes: row.welcomes, sent: row.sent }).toEqual({ waId: row.wa_id, welcomes: 1, sent: true });

    const sentCount = new Map<string, number>();
    for (const to of sends) sentCount.set(to, (sentCount.get(to) ?? 0) + 1);
    for (const waId of contacts) expect(sentCount.get(waId) ?? 0, waId).toBe(1);
    const duplicates = [...sentCount.values()].filter((n) => n > 1).length;
    console.log(
      JSON.stringify({
        test: "welcome-crash",
        contacts: CONTACTS,
        acknowledgedBeforeKill: acknowledged.size,
        welcomedBeforeKill,
        outboxAtKill: Object.fromEntries(atKill.map((r) => [r.state, r.n])),
        inFlightAtKill: inFlight.size,
        duplicates,
        lost: 0,
      }),
    );
  }, 300_000);
});
