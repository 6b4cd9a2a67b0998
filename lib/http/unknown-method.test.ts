// Issue 25 item 7: TRACE and other methods no route has are answered 405 with Allow and
// the API's JSON error (server.ts, ahead of Next.js, which answered them 500).
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerUnknownMethod } from "./unknown-method";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (answerUnknownMethod(req, res, { "x-frame-options": "DENY" })) return;
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = (method: string, path: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "localhost", port, method, path }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });

describe("unknown methods", () => {
  it.each(["TRACE", "PROPFIND", "MKCOL", "LOCK", "PURGE", "REPORT"])("%s → 405 with Allow and a JSON error", async (method) => {
    for (const path of ["/api/health", "/api/v1/conversations/1", "/inbox"]) {
      const answer = await send(method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: "method_not_allowed" } });
    }
  });

  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("%s goes on to the app", async (method) => {
    expect(await send(method, "/api/health")).toMatchObject({ status: 200, body: "next" });
  });
});
