import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { MAX_JSON_BYTES, readBodyBytes, readJsonBody } from "./read-json";

const post = (body: string, type: string | null) =>
  new Request("http://localhost/api/v1/manager/groups", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("readJsonBody (issue 11 finding 12: JSON routes refuse non-JSON bodies)", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null])("refuses %s", async (type) => {
    await expect(readJsonBody(post('{"name":"Evil"}', type))).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("reads application/json", async () => {
    expect(await readJsonBody(post('{"name":"Vendas"}', "application/json; charset=utf-8"))).toEqual({ name: "Vendas" });
  });

  it("refuses malformed JSON as invalid input, an oversized body as too large", async () => {
    await expect(readJsonBody(post("{", "application/json"))).rejects.toBeInstanceOf(UserError);
    await expect(readJsonBody(post(JSON.stringify({ name: "x".repeat(100_000) }), "application/json"))).rejects.toMatchObject({ code: "too_large" });
  });
});

/** A chunked body (no Content-Length) of `total` bytes in 16 KiB pieces; counts what was pulled and whether it was cancelled. */
function chunkedRequest(total: number) {
  const piece = new Uint8Array(16 * 1024).fill(0x61);
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      seen.pulled += piece.byteLength;
      controller.enqueue(piece);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request("http://localhost/api/v1/conversations/1/messages", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    duplex: "half",
  } as RequestInit);
  return { request, seen };
}

describe("a chunked body is counted as it arrives (issue 25 item 4)", () => {
  it("stops reading past the limit and refuses with too_large; the rest is never pulled", async () => {
    const { request, seen } = chunkedRequest(128 * 1024 * 1024);
    await expect(readJsonBody(request)).rejects.toMatchObject({ code: "too_large" });
    expect(seen.pulled).toBeLessThan(MAX_JSON_BYTES + 64 * 1024);
    expect(seen.cancelled).toBe(true);
  });

  it("honours a route's own limit", async () => {
    const { request } = chunkedRequest(8 * 1024);
    await expect(readJsonBody(request, 4 * 1024)).rejects.toMatchObject({ code: "too_large" });
  });

  it("reads a body once: a second reader (the handler after the idempotency hash) gets the same bytes", async () => {
    const request = post('{"text":"oi"}', "application/json");
    expect((await readBodyBytes(request)).toString()).toBe('{"text":"oi"}');
    expect(request.bodyUsed).toBe(true);
    expect(await readJsonBody(request)).toEqual({ text: "oi" });
  });
});
