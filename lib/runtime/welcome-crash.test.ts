// Issue 11 finding 6, for real: the server is killed with SIGKILL during a burst of new
// conversations (each owed a welcome), then started again. Every conversation ends with
// exactly one welcome, stored as sent, and the Graph API received exactly one per
// contact — also those whose send was in flight at the kill: like Meta, the stand-in
// Graph API reports a "sent" status for every message it accepted (retrying until the
// app answers), which tells the restarted app that those were sent (welcome-message.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/db/processes";
import { crashRig, type CrashRig } from "@/test/crash-rig";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const CONTACTS = 64;

let t: TestDatabase;
let rig: CrashRig;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  rig = await crashRig("welcome-crash", t.url);
});

afterAll(async () => {
  await rig?.close();
  await t?.drop();
});

const bodyOf = (waId: string) => messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("Oi, quero comprar"))]);

describe("a crash during a burst of new conversations", () => {
  it("loses no welcome and sends none twice, also those in flight at the kill", async () => {
    const port = await freePort();
    const first = await rig.startServer(port);
    const contacts = Array.from({ length: CONTACTS }, (_, i) => `55119${String(70_000_000 + i)}`);
    const bodies = new Map(contacts.map((waId) => [waId, bodyOf(waId)]));
    const { sends } = rig;

    // The burst: every body posted at once; the kill comes once a few welcomes are out.
    const { acknowledged, done } = rig.burst(port, bodies);
    for (let i = 0; sends.length < 8 && i < 600; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-first.pid!, "SIGKILL");
    await done;
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
    await rig.startServer(port);
    await rig.redeliver(port, bodies, acknowledged);
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
