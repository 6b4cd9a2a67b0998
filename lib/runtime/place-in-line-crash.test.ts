// The place in line across a crash (docs/behaviour.md#place-in-line): the server is killed with
// SIGKILL during a burst of customers entering a queue with nobody online (each owed its
// position), then started again. Every customer ends with exactly one position message
// (step 0), stored as sent, and the Graph API received exactly one per contact — also
// those in flight at the kill (Meta's "sent" status tells the restarted app, as for the
// welcome: lib/runtime/welcome-crash.test.ts, which this follows).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/db/processes";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification, newWamid, postSignedWebhook, statusesNotification } from "@/dev/webhook-payloads";

const APP_SECRET = "place-in-line-crash-app-secret";
const CONTACTS = 32;
const distDir = `.next-place-in-line-crash-${process.pid}`;

let t: TestDatabase;
let graph: Server;
let graphUrl: string;
let appPort = 0;
let closing = false;
const sends: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // Vendas tells the place in line and says nothing else; nobody can take a conversation.
  await t.sql`UPDATE channel_groups SET tell_queue_position = true, welcome_message = NULL, online_only = true, strategy = 'balanced'
               WHERE id = (SELECT group_id FROM channels WHERE phone_number_id = ${VENDAS.phoneNumberId})`;
  await t.sql`UPDATE users SET status = 'offline'`;
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
      NEXTAUTH_SECRET: "place-in-line-crash-nextauth-secret",
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

describe("a crash while waiting customers are told their place in line", () => {
  it("loses no position message and sends none twice, also those in flight at the kill", async () => {
    const port = await freePort();
    appPort = port;
    const first = await startServer(port);
    const contacts = Array.from({ length: CONTACTS }, (_, i) => `55119${String(71_000_000 + i)}`);
    const acknowledged = new Set<string>();

    const posts = contacts.map(async (waId) => {
      try {
        const response = await postSignedWebhook(`http://localhost:${port}/api/webhooks/whatsapp`, APP_SECRET, bodyOf(waId));
        if (response.status === 200) acknowledged.add(waId);
      } catch {
        // The connection died with the server: Meta would deliver this body again.
      }
    });
    for (let i = 0; sends.filter((to) => contacts.includes(to)).length < 4 && i < 1200; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-first.pid!, "SIGKILL");
    await Promise.all(posts);
    await new Promise((r) => setTimeout(r, 500));

    const atKill = await t.sql`
      SELECT o.state, count(*)::int AS n FROM welcome_outbox o WHERE o.kind = 'queue_position' GROUP BY o.state ORDER BY o.state`;
    const inFlight = (
      await t.sql`
        SELECT count(*)::int AS n FROM welcome_outbox o LEFT JOIN messages m ON m.id = o.message_id
         WHERE o.kind = 'queue_position' AND o.state = 'sending' AND m.wa_message_id IS NULL`
    )[0]!.n as number;
    const toldBeforeKill = new Set(sends.filter((to) => contacts.includes(to))).size;

    await startServer(port);
    for (const waId of contacts) {
      if (!acknowledged.has(waId)) await postSignedWebhook(`http://localhost:${port}/api/webhooks/whatsapp`, APP_SECRET, bodyOf(waId));
    }
    await expect
      .poll(
        async () =>
          (
            await t.sql`
              SELECT count(*)::int AS n FROM welcome_outbox o JOIN conversations c ON c.id = o.conversation_id JOIN contacts k ON k.id = c.contact_id
               WHERE o.kind = 'queue_position' AND o.state = 'sent' AND k.wa_id = ANY(${contacts})`
          )[0]!.n,
        { timeout: 180_000, interval: 500 },
      )
      .toBe(CONTACTS);

    const perContact = await t.sql`
      SELECT k.wa_id, count(m.id)::int AS told, bool_and(m.status = 'sent') AS sent, array_agg(o.step) AS steps
        FROM contacts k JOIN conversations c ON c.contact_id = k.id
        LEFT JOIN welcome_outbox o ON o.conversation_id = c.id AND o.kind = 'queue_position'
        LEFT JOIN messages m ON m.id = o.message_id AND m.author_type = 'system'
       WHERE k.wa_id = ANY(${contacts})
       GROUP BY k.wa_id`;
    expect(perContact).toHaveLength(CONTACTS);
    for (const row of perContact) expect({ waId: row.wa_id, told: row.told, sent: row.sent, steps: row.steps }).toEqual({ waId: row.wa_id, told: 1, sent: true, steps: [0] });
    // Nothing else was sent to them (no welcome in this group).
    const [others] = await t.sql`
      SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
       WHERE k.wa_id = ANY(${contacts}) AND m.direction = 'out'`;
    expect(others!.n).toBe(CONTACTS);

    const sentCount = new Map<string, number>();
    for (const to of sends) sentCount.set(to, (sentCount.get(to) ?? 0) + 1);
    for (const waId of contacts) expect(sentCount.get(waId) ?? 0, waId).toBe(1);
    const duplicates = contacts.filter((waId) => (sentCount.get(waId) ?? 0) > 1).length;
    const lost = contacts.filter((waId) => (sentCount.get(waId) ?? 0) === 0).length;
    console.log(
      JSON.stringify({
        test: "place-in-line-crash",
        contacts: CONTACTS,
        acknowledgedBeforeKill: acknowledged.size,
        toldBeforeKill,
        outboxAtKill: Object.fromEntries(atKill.map((r) => [r.state, r.n])),
        inFlightAtKill: inFlight,
        duplicates,
        lost,
      }),
    );
  }, 420_000);
});
