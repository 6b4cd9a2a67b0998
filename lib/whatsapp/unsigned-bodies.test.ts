// Issue 11 finding 11: unsigned (refused) bodies were kept whole (64 KB each) with no
// rate limit and no retention. Now: a digest and the first KB, at most
// REJECTED_PER_MINUTE per address, and purged with processed bodies after the retention.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { MAX_REJECTED_CHARS, purgeOldWebhookBodies, receiveWebhook, REJECTED_PER_MINUTE } from "./receive-webhook";
import { signBody } from "./signature";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const SECRET = "unsigned-test-secret";
const bytes = (text: string) => new TextEncoder().encode(text);

describe("unsigned webhook bodies", () => {
  it("keeps only the first KB and a SHA-256 of a refused body", async () => {
    const body = JSON.stringify({ object: "whatsapp_business_account", padding: "x".repeat(60_000) });
    const receipt = await receiveWebhook(t.db, { rawBody: bytes(body), signature: null, remoteAddr: "203.0.113.1" }, { appSecret: SECRET });
    expect(receipt).toMatchObject({ accepted: false, status: 401 });
    const [row] = await t.sql`SELECT raw_body, body_sha256, remote_addr FROM webhook_events WHERE id = ${receipt.eventId!}`;
    expect(row!.raw_body).toHaveLength(MAX_REJECTED_CHARS);
    expect(row!.body_sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(row!.remote_addr).toBe("203.0.113.1");
  });

  it("rate limits refused bodies per address, storing nothing beyond the limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REJECTED_PER_MINUTE + 10; i++) {
      const receipt = await receiveWebhook(t.db, { rawBody: bytes(`{"n":${i}}`), signature: "sha256=00", remoteAddr: "203.0.113.2" }, { appSecret: SECRET });
      if (!receipt.accepted) statuses.push(receipt.status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const [row] = await t.sql`SELECT count(*)::int AS n FROM webhook_events WHERE remote_addr = '203.0.113.2'`;
    expect(row!.n).toBe(REJECTED_PER_MINUTE);
    // Another address is not affected, and Meta's signed bodies never are.
    expect((await receiveWebhook(t.db, { rawBody: bytes("{}"), signature: null, remoteAddr: "203.0.113.3" }, { appSecret: SECRET })).accepted).toBe(false);
    const good = JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [] }] });
    expect((await receiveWebhook(t.db, { rawBody: bytes(good), signature: signBody(SECRET, good), remoteAddr: "203.0.113.2" }, { appSecret: SECRET })).accepted).toBe(true);
  });

  it("purges processed and refused bodies older than the retention, never those still to process", async () => {
    await t.sql`DELETE FROM webhook_events`;
    await t.sql`
      INSERT INTO webhook_events (raw_body, outcome, received_at) VALUES
        ('old processed', 'processed', now() - interval '31 days'),
        ('old rejected', 'rejected', now() - interval '31 days'),
        ('old failed', 'failed', now() - interval '31 days'),
        ('old received', 'received', now() - interval '31 days'),
        ('new processed', 'processed', now() - interval '29 days'),
        ('new rejected', 'rejected', now())`;
    expect(await purgeOldWebhookBodies(t.db, 30)).toBe(2);
    const left = (await t.sql`SELECT raw_body FROM webhook_events ORDER BY raw_body`).map((r) => r.raw_body);
    expect(left).toEqual(["new processed", "new rejected", "old failed", "old received"]);
  });
});
