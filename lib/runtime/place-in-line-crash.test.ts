// The place in line across a crash (docs/behaviour.md#place-in-line): the server is killed with
// SIGKILL during a burst of customers entering a queue with nobody online (each owed its
// position), then started again. Every customer ends with exactly one position message
// (step 0), stored as sent, and the Graph API received exactly one per contact — also
// those in flight at the kill (Meta's "sent" status tells the restarted app, as for the
// welcome: lib/runtime/welcome-crash.test.ts, which this follows).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/db/processes";
import { crashRig, type CrashRig } from "@/test/crash-rig";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { VENDAS } from "@/test/whatsapp-fixtures";
import { content, inboundMessage, messagesNotification } from "@/dev/webhook-payloads";

const CONTACTS = 32;

let t: TestDatabase;
let rig: CrashRig;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  // Vendas tells the place in line and says nothing else; nobody can take a conversation.
  await t.sql`UPDATE channel_groups SET tell_queue_position = true, welcome_message = NULL, online_only = true, strategy = 'balanced'
               WHERE id = (SELECT group_id FROM channels WHERE phone_number_id = ${VENDAS.phoneNumberId})`;
  await t.sql`UPDATE users SET status = 'offline'`;
  rig = await crashRig("place-in-line-crash", t.url);
});

afterAll(async () => {
  await rig?.close();
  await t?.drop();
});

const bodyOf = (waId: string) => messagesNotification(VENDAS, [{ waId }], [inboundMessage(waId, content.text("Oi, quero comprar"))]);

describe("a crash while waiting customers are told their place in line", () => {
  it("loses no position message and sends none twice, also those in flight at the kill", async () => {
    const port = await freePort();
    const first = await rig.startServer(port);
    const contacts = Array.from({ length: CONTACTS }, (_, i) => `55119${String(71_000_000 + i)}`);
    const bodies = new Map(contacts.map((waId) => [waId, bodyOf(waId)]));
    const { sends } = rig;

    const { acknowledged, done } = rig.burst(port, bodies);
    for (let i = 0; sends.filter((to) => contacts.includes(to)).length < 4 && i < 1200; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-first.pid!, "SIGKILL");
    await done;
    await new Promise((r) => setTimeout(r, 500));

    const atKill = await t.sql`
      SELECT o.state, count(*)::int AS n FROM welcome_outbox o WHERE o.kind = 'queue_position' GROUP BY o.state ORDER BY o.state`;
    const inFlight = (
      await t.sql`
        SELECT count(*)::int AS n FROM welcome_outbox o LEFT JOIN messages m ON m.id = o.message_id
         WHERE o.kind = 'queue_position' AND o.state = 'sending' AND m.wa_message_id IS NULL`
    )[0]!.n as number;
    const toldBeforeKill = new Set(sends.filter((to) => contacts.includes(to))).size;

    await rig.startServer(port);
    await rig.redeliver(port, bodies, acknowledged);
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
