import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { FAKE_GRAPH_VERSIONS, startFakeGraph, type FakeGraph } from "@/dev/fake-graph";
import { GraphApiError, sendText } from "./graph-api";
import { graphConfigFromEnv } from "./graph-config";
import { testGraphConfig } from "@/test/whatsapp-fixtures";

let fake: FakeGraph;
beforeAll(async () => {
  fake = await startFakeGraph();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const channel = { phoneNumberId: "100000000000001", accessTokenEncrypted: null };

describe("sendText", () => {
  it("posts Meta's text message with the channel's token and returns the wamid", async () => {
    const { waMessageId } = await sendText(testGraphConfig(fake), channel, "5511987650001", "Olá!");
    const [sent] = fake.sent();
    expect(sent).toMatchObject({
      version: "v27.0",
      phoneNumberId: "100000000000001",
      authorization: "Bearer test-access-token",
      waMessageId,
      request: { messaging_product: "whatsapp", recipient_type: "individual", to: "5511987650001", type: "text", text: { preview_url: false, body: "Olá!" } },
    });
    expect(waMessageId).toMatch(/^wamid\./);
  });

  it("retries 500s and 429s with backoff until it succeeds", async () => {
    fake.failNext(2, 500);
    await sendText(testGraphConfig(fake), channel, "5511987650001", "depois de duas falhas");
    expect(fake.requests().map((r) => r.status)).toEqual([500, 500, 200]);

    fake.reset();
    fake.failNext(1, 429);
    await sendText(testGraphConfig(fake), channel, "5511987650001", "depois do limite");
    expect(fake.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up after the configured attempts with Meta's error", async () => {
    fake.failAlways(503);
    const error = await sendText(testGraphConfig(fake, { attempts: 4 }), channel, "5511987650001", "nunca").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({ httpStatus: 503, attempts: 4, error: { code: 131000, message: "(#131000) Something went wrong" } });
    expect(fake.requests()).toHaveLength(4);
    expect(fake.sent()).toHaveLength(0);
  });

  it("does not retry what will not succeed (400, 401)", async () => {
    fake.failNext(1, 400);
    await expect(sendText(testGraphConfig(fake), channel, "5511987650001", "x")).rejects.toMatchObject({ httpStatus: 400, error: { code: 100 } });
    expect(fake.requests()).toHaveLength(1);
  });

  it("reads Meta's error code, not only the HTTP status: rate limits answered with 400 are retried, then sent", async () => {
    for (const code of [130429, 131056, 80007]) {
      fake.reset();
      fake.failNext(2, { code });
      const { waMessageId } = await sendText(testGraphConfig(fake), channel, "5511987650001", `depois do limite ${code}`);
      expect(fake.requests().map((r) => r.status)).toEqual([400, 400, 200]);
      expect(fake.sent()[0]!.waMessageId).toBe(waMessageId);
    }
  });

  it("does not retry an expired token (190) or a closed window (131047), and says which", async () => {
    fake.failNext(1, { code: 190 });
    await expect(sendText(testGraphConfig(fake), channel, "5511987650001", "x")).rejects.toMatchObject({ kind: "token", httpStatus: 401, error: { code: 190, error_subcode: 463 } });
    fake.reset();
    fake.failNext(1, { code: 131047 });
    await expect(sendText(testGraphConfig(fake), channel, "5511987650001", "x")).rejects.toMatchObject({ kind: "window_closed", error: { code: 131047 } });
    expect(fake.requests()).toHaveLength(1);
  });

  it("asks for a link preview only when the text has a link", async () => {
    await sendText(testGraphConfig(fake), channel, "5511987650001", "Veja https://loja.example.com/pedido/123 por favor");
    await sendText(testGraphConfig(fake), channel, "5511987650001", "e também www.example.com.br");
    await sendText(testGraphConfig(fake), channel, "5511987650001", "sem link, só um ponto. final");
    expect(fake.sent().map((m) => (m.request.text as { preview_url: boolean }).preview_url)).toEqual([true, true, false]);
  });

  it("sends to a business-scoped user id with `recipient` when the contact has no phone number", async () => {
    await sendText(testGraphConfig(fake), channel, { waId: null, userId: "BR.1502576394655843" }, "Olá!");
    expect(fake.sent()[0]).toMatchObject({ to: "BR.1502576394655843", request: { recipient: "BR.1502576394655843" } });
    expect(fake.sent()[0]!.request.to).toBeUndefined();
  });

  it("speaks the default Graph API version, which the fake answers; an unknown version gets Meta's error", async () => {
    expect(FAKE_GRAPH_VERSIONS).toContain(graphConfigFromEnv(parseEnv({})).version);
    expect(graphConfigFromEnv(parseEnv({})).version).toBe("v27.0");
    await expect(sendText({ ...testGraphConfig(fake), version: "v99.0" }, channel, "5511987650001", "x")).rejects.toMatchObject({ error: { code: 2635 } });
  });

  it("retries network errors, then reports them", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const config = { ...testGraphConfig(fake), baseUrl: `http://127.0.0.1:${closedPort}` };
    await expect(sendText(config, channel, "5511987650001", "x")).rejects.toMatchObject({ httpStatus: null, attempts: 3, error: { type: "network_error" } });
  });

  it("refuses to send from a channel without a token in production", async () => {
    const config = { ...testGraphConfig(fake), fallbackAccessToken: null };
    await expect(sendText(config, channel, "5511987650001", "x")).rejects.toMatchObject({ error: { type: "channel_token" } });
    expect(fake.requests()).toHaveLength(0);
  });
});
