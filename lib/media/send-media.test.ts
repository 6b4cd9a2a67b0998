// Outbound media against the fake Graph API: checked before upload, stored, uploaded to
// Meta as multipart, sent in Meta's format, shown in the thread.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { refusal, SUPORTE, suporteConversation, testGraphConfig } from "@/test/whatsapp-fixtures";
import type { Actor } from "@/lib/auth/permissions";
import { listThreadMessages } from "@/lib/inbox/thread-messages";
import { parseMultipart } from "@/dev/fake-graph-media";
import { startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import type { GraphConfig } from "@/lib/whatsapp/graph-config";
import { sendMediaAs } from "./send-media";
import { serveMedia } from "./serve-media";

let t: TestDatabase;
let fake: FakeGraph;
let graph: GraphConfig;
let diego: Actor;
let carla: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  fake = await startFakeGraph();
  graph = testGraphConfig(fake);
  const users = await t.db.execute<{ id: number; role: "agent"; email: string }>(sql`SELECT id, role, email FROM users WHERE email IN ('diego@fila.test', 'carla@fila.test')`);
  diego = users.find((u) => u.email === "diego@fila.test")!;
  carla = users.find((u) => u.email === "carla@fila.test")!;
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await t.drop();
});

/** A Suporte conversation assigned to Diego, whose contact wrote `minutesAgo`. */
const conversation = (minutesAgo = 1) => suporteConversation(t.db, graph, { minutesAgo, assigneeId: diego.id });

async function* streamOf(bytes: Buffer, piece = 100_000): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += piece) yield bytes.subarray(i, i + piece);
}

describe("outbound media", () => {
  it("uploads a photo to Meta as multipart and sends it with its id and caption; the thread shows it from PostgreSQL", async () => {
    const { conversationId, waId } = await conversation();
    const photo = Buffer.alloc(700_000, 3);
    photo.write("\x89PNG", 0, "latin1");
    const outcome = await sendMediaAs(
      t.db,
      diego,
      { conversationId, mimeType: "image/png", filename: "C:\\fotos\\vitrine.png", caption: "  Nossa vitrine  ", declaredSize: photo.byteLength, body: streamOf(photo) },
      graph,
    );
    expect(outcome.sent).toBe(true);

    // The upload: multipart/form-data with messaging_product, type and the file, with the token.
    const [upload] = fake.media.uploads();
    expect(upload!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload!.authorization).toBe("Bearer test-access-token");
    expect(upload!.phoneNumberId).toBe(SUPORTE.phoneNumberId);
    expect(upload!.fields).toEqual({ messaging_product: "whatsapp", type: "image/png" });
    expect(upload!.filename).toBe("vitrine.png");
    expect(upload!.bytes.equals(photo)).toBe(true);

    // The send: Meta's JSON, referring to the uploaded id.
    const [sent] = fake.sent();
    expect(sent!.request).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "image",
      image: { id: upload!.id, caption: "Nossa vitrine" },
    });

    const thread = await listThreadMessages(t.db, conversationId);
    const message = thread.at(-1)!;
    expect(message).toMatchObject({ direction: "out", type: "image", body: "Nossa vitrine", status: "sent", waMessageId: sent!.waMessageId });
    expect(message.media).toMatchObject({ state: "ready", mimeType: "image/png", size: photo.byteLength, filename: "vitrine.png" });
    const served = await serveMedia(t.db, carla, String(message.media!.id), { range: "bytes=0-3", download: false });
    expect(served.status).toBe(206);
    expect(Buffer.from(await served.arrayBuffer()).toString("latin1")).toBe("\x89PNG");
  });

  it("sends a document with its filename, and audio without a caption", async () => {
    const { conversationId, waId } = await conversation();
    const pdf = Buffer.from("%PDF-1.4\n% a small document\n");
    await sendMediaAs(t.db, diego, { conversationId, mimeType: "application/pdf", filename: "orcamento.pdf", caption: "Segue o orçamento", declaredSize: null, body: streamOf(pdf) }, graph);
    const audio = Buffer.alloc(20_000, 9);
    await sendMediaAs(t.db, diego, { conversationId, mimeType: "audio/mpeg", filename: "recado.mp3", caption: "ignored", declaredSize: audio.byteLength, body: streamOf(audio) }, graph);
    const [doc, voice] = fake.sent();
    const [docUpload, audioUpload] = fake.media.uploads();
    expect(doc!.request).toMatchObject({ to: waId, type: "document", document: { id: docUpload!.id, caption: "Segue o orçamento", filename: "orcamento.pdf" } });
    expect(voice!.request).toMatchObject({ type: "audio", audio: { id: audioUpload!.id } });
    expect((voice!.request.audio as Record<string, unknown>).caption).toBeUndefined();
    expect(audioUpload!.fields.type).toBe("audio/mpeg");
  });

  it("refuses a file over WhatsApp's limit before uploading, with a clear message", async () => {
    const { conversationId } = await conversation();
    const before = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM media_files`))[0]!.n;
    // Declared too large: refused before a byte is read.
    let read = false;
    const untouched = (async function* () {
      read = true;
      yield new Uint8Array(1);
    })();
    const declared = await refusal(sendMediaAs(t.db, diego, { conversationId, mimeType: "image/jpeg", filename: "big.jpg", declaredSize: 6 * 1024 * 1024, body: untouched }, graph));
    expect(declared).toMatchObject({ code: "invalid_input", fields: { file: "media.invalid.tooLarge.image" } });
    expect(declared!.message).toBe("big.jpg is larger than WhatsApp allows for this type (5 MB).");
    expect(read).toBe(false);
    // Not declared (or lying): stopped while streaming, nothing kept.
    const streamed = await refusal(
      sendMediaAs(t.db, diego, { conversationId, mimeType: "image/jpeg", filename: "big.jpg", declaredSize: null, body: streamOf(Buffer.alloc(5 * 1024 * 1024 + 1)) }, graph),
    );
    expect(streamed).toMatchObject({ code: "invalid_input", fields: { file: "media.invalid.tooLarge.image" } });
    // A type WhatsApp does not carry.
    const exe = await refusal(sendMediaAs(t.db, diego, { conversationId, mimeType: "application/x-msdownload", filename: "virus.exe", declaredSize: 10, body: streamOf(Buffer.alloc(10)) }, graph));
    expect(exe).toMatchObject({ code: "invalid_input", fields: { file: "media.invalid.type" } });
    expect(fake.media.uploads()).toHaveLength(0);
    expect(fake.sent()).toHaveLength(0);
    expect((await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM media_files`))[0]!.n).toBe(before);
  });

  it("is for the assignee within the window only", async () => {
    const { conversationId } = await conversation();
    const other = await refusal(sendMediaAs(t.db, carla, { conversationId, mimeType: "image/png", filename: "a.png", declaredSize: 3, body: streamOf(Buffer.alloc(3)) }, graph));
    expect(other?.code).toBe("forbidden");
    const old = await conversation(25 * 60);
    const closed = await refusal(sendMediaAs(t.db, diego, { conversationId: old.conversationId, mimeType: "image/png", filename: "a.png", declaredSize: 3, body: streamOf(Buffer.alloc(3)) }, graph));
    expect(closed?.code).toBe("window_closed");
    expect(fake.media.uploads()).toHaveLength(0);
  });

  it("keeps the message failed with Meta's reason when the upload is refused", async () => {
    const { conversationId } = await conversation();
    fake.failAlways({ code: 190 });
    // The fake's failAlways applies to sends; the upload goes through and the send is refused.
    const outcome = await sendMediaAs(t.db, diego, { conversationId, mimeType: "image/png", filename: "a.png", declaredSize: 3, body: streamOf(Buffer.alloc(3)) }, graph);
    expect(outcome.sent).toBe(false);
    const message = (await listThreadMessages(t.db, conversationId)).at(-1)!;
    expect(message).toMatchObject({ type: "image", status: "failed", failureCode: "190.463" });
    await t.db.execute(sql`UPDATE channels SET token_invalid_at = NULL, token_error = NULL`);
  });
});

describe("parseMultipart (the fake's reader)", () => {
  it("reads fields and a file", () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="type"\r\n\r\nimage/png\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\nABC\r\n--b--\r\n');
    const form = parseMultipart(body, "multipart/form-data; boundary=b");
    expect(form?.fields).toEqual({ type: "image/png" });
    expect(form?.files.file?.bytes.toString()).toBe("ABC");
  });
});
