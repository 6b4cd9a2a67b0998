// Inbound media end to end against the fake Graph API: webhook → background download
// (metadata, then the URL with the token) → chunks in PostgreSQL → served with ranges,
// only to those who may see the conversation.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { deliver, newWaId, refusal, SUPORTE, testGraphConfig } from "@/test/whatsapp-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { content, inboundMessage, messagesNotification, type MessageContent } from "@/dev/webhook-payloads";
import { downloadMedia, sweepMediaDownloads } from "./download-media";
import { MEDIA_CHUNK_BYTES } from "./media-chunks";
import { serveMedia } from "./serve-media";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let diego: Actor; // Suporte
let ana: Actor; // Vendas only
let manager: Actor;

const actor = async (email: string): Promise<Actor> => {
  const [row] = await t.db.execute<{ id: number; role: "manager" | "agent" }>(sql`SELECT id, role FROM users WHERE email = ${email}`);
  return row!;
};

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  [diego, ana, manager] = await Promise.all([actor("diego@fila.test"), actor("ana@fila.test"), actor("manager@fila.test")]);
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

type MediaRow = { id: number; state: string; attempts: number; size: number | null; mimeType: string | null; error: Record<string, unknown> | null; messageId: number };

async function mediaOfMessage(waMessageId: string): Promise<MediaRow | undefined> {
  const [row] = await t.db.execute<MediaRow>(sql`
    SELECT f.id::int AS id, f.state, f.attempts, f.size::int AS size, f.mime_type AS "mimeType", f.error, f.message_id::int AS "messageId"
      FROM media_files f JOIN messages m ON m.id = f.message_id WHERE m.wa_message_id = ${waMessageId}`);
  return row;
}

async function waitFor(waMessageId: string, state: "ready" | "failed"): Promise<MediaRow> {
  await expect.poll(async () => (await mediaOfMessage(waMessageId))?.state, { timeout: 30_000 }).toBe(state);
  return (await mediaOfMessage(waMessageId))!;
}

async function receive(waId: string, messageContent: MessageContent) {
  const message = inboundMessage(waId, messageContent);
  const body = messagesNotification(SUPORTE, [{ waId, name: "Cliente" }], [message]);
  const outcome = await deliver(t.db, body, { graph });
  if (outcome.outcome !== "processed") throw new Error("not processed");
  return { body, waMessageId: message.id, conversationId: outcome.result.messages[0]!.conversationId };
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe("inbound media", () => {
  it("downloads an image, a voice note and a document once, stores them and serves them with ranges to who may see them", async () => {
    const waId = newWaId();
    const photo = Buffer.alloc(300 * 1024 + 17, 7);
    photo.write("JPEGDATA", 0);
    const image = fake.media.add({ bytes: photo, mimeType: "image/jpeg" });
    const voice = fake.media.add({ size: 40_000, mimeType: "audio/ogg; codecs=opus" });
    const pdf = fake.media.add({ size: 2 * MEDIA_CHUNK_BYTES + 5, mimeType: "application/pdf" });

    const first = await receive(waId, content.image("Olha a foto", { id: image.id, sha256: Buffer.from(image.sha256, "hex").toString("base64"), mimeType: "image/jpeg" }));
    const second = await receive(waId, content.audio(true, { id: voice.id, mimeType: "audio/ogg; codecs=opus" }));
    const third = await receive(waId, content.document("contrato.pdf", undefined, { id: pdf.id }));

    const stored = await Promise.all([waitFor(first.waMessageId, "ready"), waitFor(second.waMessageId, "ready"), waitFor(third.waMessageId, "ready")]);
    expect(stored.map((m) => m.size)).toEqual([image.size, voice.size, pdf.size]);
    expect(stored.map((m) => m.mimeType)).toEqual(["image/jpeg", "audio/ogg; codecs=opus", "application/pdf"]);

    // Metadata then bytes, each with the channel's token, once per file.
    const requests = fake.media.requests();
    for (const file of [image, voice, pdf]) {
      expect(requests.filter((r) => r.mediaId === file.id).map((r) => [r.kind, r.status, r.authorization])).toEqual([
        ["metadata", 200, "Bearer test-access-token"],
        ["download", 200, "Bearer test-access-token"],
      ]);
    }

    // Meta delivers the same bodies again: nothing is downloaded again, not even by the sweep.
    await deliver(t.db, first.body, { graph });
    await deliver(t.db, third.body, { graph });
    await sweepMediaDownloads(t.db, graph);
    expect(fake.media.requests()).toHaveLength(6);
    const [files] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM media_files f JOIN messages m ON m.id = f.message_id WHERE m.conversation_id = ${first.conversationId}`);
    expect(files!.n).toBe(3);

    // The whole image, byte for byte, with its type and length.
    const whole = await serveMedia(t.db, diego, String(stored[0]!.id), { range: null, download: false });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/jpeg");
    expect(whole.headers.get("content-length")).toBe(String(photo.byteLength));
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect((await bytesOf(whole)).equals(photo)).toBe(true);

    // A range across a chunk boundary, an open-ended one, a suffix, and one past the end.
    const from = MEDIA_CHUNK_BYTES - 10;
    const part = await serveMedia(t.db, diego, String(stored[0]!.id), { range: `bytes=${from}-${from + 99}`, download: false });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes ${from}-${from + 99}/${photo.byteLength}`);
    expect(part.headers.get("content-length")).toBe("100");
    expect((await bytesOf(part)).equals(photo.subarray(from, from + 100))).toBe(true);
    const tail = await serveMedia(t.db, diego, String(stored[0]!.id), { range: "bytes=-7", download: false });
    expect((await bytesOf(tail)).equals(photo.subarray(photo.byteLength - 7))).toBe(true);
    const open = await serveMedia(t.db, diego, String(stored[2]!.id), { range: `bytes=${2 * MEDIA_CHUNK_BYTES}-`, download: false });
    expect(open.headers.get("content-range")).toBe(`bytes ${2 * MEDIA_CHUNK_BYTES}-${pdf.size - 1}/${pdf.size}`);
    expect((await bytesOf(open)).byteLength).toBe(5);
    const past = await serveMedia(t.db, diego, String(stored[1]!.id), { range: `bytes=${voice.size}-`, download: false });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${voice.size}`);

    // The voice note plays inline; the document is always a download.
    const audio = await serveMedia(t.db, manager, String(stored[1]!.id), { range: null, download: false });
    expect(audio.headers.get("content-type")).toBe("audio/ogg; codecs=opus");
    expect(audio.headers.get("content-disposition")).toMatch(/^inline/);
    const document = await serveMedia(t.db, diego, String(stored[2]!.id), { range: null, download: false });
    expect(document.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''contrato.pdf");
    expect((await bytesOf(document)).byteLength).toBe(pdf.size);

    // An agent of another group gets 403; no session, 401 (apiRoute's mapping of these codes).
    expect((await refusal(serveMedia(t.db, ana, String(stored[0]!.id), { range: null, download: false })))?.code).toBe("forbidden");
    expect((await refusal(serveMedia(t.db, null, String(stored[0]!.id), { range: null, download: false })))?.code).toBe("unauthenticated");
    expect((await refusal(serveMedia(t.db, diego, "abc", { range: null, download: false })))?.code).toBe("invalid_input");

    // The thread shows each file ready, with its size and name.
    const thread = await listThreadMessages(t.db, first.conversationId);
    expect(thread.map((m) => m.media && { state: m.media.state, size: m.media.size, filename: m.media.filename })).toEqual([
      { state: "ready", size: image.size, filename: null },
      { state: "ready", size: voice.size, filename: null },
      { state: "ready", size: pdf.size, filename: "contrato.pdf" },
    ]);
  });

  it("retries a download that fails twice, then stores it", async () => {
    const file = fake.media.add({ size: 10_000, mimeType: "image/png" });
    fake.media.failDownloads(2);
    const { waMessageId } = await receive(newWaId(), content.image(undefined, { id: file.id, mimeType: "image/png" }));
    const stored = await waitFor(waMessageId, "ready");
    expect(stored.size).toBe(10_000);
    expect(fake.media.requests().filter((r) => r.kind === "download").map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("keeps a failure the sweep retries later, with a backoff", async () => {
    const file = fake.media.add({ size: 5_000, mimeType: "image/jpeg" });
    fake.media.failDownloads(3); // the three tries of one claim
    const { waMessageId } = await receive(newWaId(), content.image(undefined, { id: file.id }));
    const failed = await waitFor(waMessageId, "failed");
    expect(failed.attempts).toBe(1);
    const thread = await listThreadMessages(t.db, (await t.db.execute<{ c: number }>(sql`SELECT conversation_id AS c FROM messages WHERE id = ${failed.messageId}`))[0]!.c);
    expect(thread.at(-1)!.media).toMatchObject({ state: "failed", retrying: true });
    // Not due yet: the sweep leaves it.
    expect(await downloadMedia(t.db, graph, failed.id)).toBeNull();
    await t.db.execute(sql`UPDATE media_files SET next_attempt_at = now() WHERE id = ${failed.id}`);
    const done = await sweepMediaDownloads(t.db, graph);
    expect(done.find((d) => d.mediaId === failed.id)?.outcome).toBe("ready");
  });

  it("shows Meta's refusal of an expired media id, and does not retry it", async () => {
    const file = fake.media.add({ size: 1_000, mimeType: "audio/ogg" });
    fake.media.expire(file.id);
    const { waMessageId, conversationId } = await receive(newWaId(), content.audio(true, { id: file.id }));
    const failed = await waitFor(waMessageId, "failed");
    expect(failed.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    const [message] = (await listThreadMessages(t.db, conversationId)).filter((m) => m.media);
    expect(message!.media).toMatchObject({ state: "failed", retrying: false });
    expect(message!.media!.failureReason).toMatch(/^Unsupported get request\. Object with ID '\d+' does not exist/);
    expect(fake.media.requests().map((r) => r.kind)).toEqual(["metadata"]);
    const stored = await serveMedia(t.db, diego, String(failed.id), { range: null, download: false }).catch((error: UserError) => error.code);
    expect(stored).toBe("not_found");
  });

  it("marks the channel's token as refused when Meta answers 190", async () => {
    const file = fake.media.add({ size: 1_000, mimeType: "image/jpeg" });
    fake.media.failDownloads(1, { code: 190 });
    const { waMessageId } = await receive(newWaId(), content.image(undefined, { id: file.id }));
    const failed = await waitFor(waMessageId, "failed");
    expect(failed.error).toMatchObject({ code: 190 });
    const tokenInvalid = async () =>
      (await t.db.execute<{ invalid: boolean }>(sql`SELECT token_invalid_at IS NOT NULL AS invalid FROM channels WHERE phone_number_id = ${SUPORTE.phoneNumberId}`))[0]!.invalid;
    await expect.poll(tokenInvalid, { timeout: 30_000 }).toBe(true);
    await t.db.execute(sql`UPDATE channels SET token_invalid_at = NULL, token_error = NULL WHERE phone_number_id = ${SUPORTE.phoneNumberId}`);
  });

  it("refuses a file bigger than WhatsApp allows for its type without downloading it", async () => {
    const file = fake.media.add({ size: 5 * 1024 * 1024 + 1, mimeType: "image/jpeg" });
    const { waMessageId } = await receive(newWaId(), content.image(undefined, { id: file.id }));
    const failed = await waitFor(waMessageId, "failed");
    expect(failed.error).toMatchObject({ type: "media_too_large" });
    expect(fake.media.requests().map((r) => r.kind)).toEqual(["metadata"]);
  });

  it("finishes a download a crash interrupted (lease run out)", async () => {
    const file = fake.media.add({ size: 3 * MEDIA_CHUNK_BYTES, mimeType: "video/mp4" });
    const waId = newWaId();
    const message = inboundMessage(waId, content.video(undefined, { id: file.id }));
    // Stored without its follow-up (the process died right after), with a half-written claim.
    const outcome = await deliver(t.db, messagesNotification(SUPORTE, [{ waId }], [message]), { graph: { ...graph, baseUrl: "http://127.0.0.1:9" } });
    expect(outcome.outcome).toBe("processed");
    const row = await waitFor(message.id, "failed");
    await t.db.execute(sql`UPDATE media_files SET state = 'downloading', lease_until = now() - interval '1 second', error = NULL WHERE id = ${row.id}`);
    await t.db.execute(sql`INSERT INTO media_chunks (media_id, seq, bytes) VALUES (${row.id}, 0, '\\x00'::bytea)`);
    await sweepMediaDownloads(t.db, graph);
    const ready = await mediaOfMessage(message.id);
    expect(ready).toMatchObject({ state: "ready", size: file.size });
    const served = await serveMedia(t.db, diego, String(row.id), { range: null, download: false });
    expect((await bytesOf(served)).byteLength).toBe(file.size);
  });
});
