// Issue 25 item 11 on the production build: clients that leave mid-request (a closed tab:
// a server action's POST through proxy.ts, its body half sent or whole and its answer
// pending; page GETs; API POSTs) never stop the server. And item 7's unknown methods:
// TRACE and the like answer 405 with Allow, never 500. (The development server's case is
// lib/runtime/client-abort.test.ts.)
import { encode } from "next-auth/jwt";
import { abortRequests } from "@/test/abort-requests";
import { E2E } from "./e2e-env";
import { expect, test, userId } from "./fixtures";

test("clients that go away mid-request never stop the server", async ({ request }) => {
  const ana = await userId("ana@fila.test");
  const cookie = `next-auth.session-token=${await encode({ token: { uid: ana, role: "agent", name: "Ana", sv: 0 }, secret: E2E.nextAuthSecret })}`;
  await abortRequests({ port: E2E.port, cookie, rounds: 5 });
  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 60_000 }).toBe(200);
  expect(await (await request.get("/api/health")).json()).toEqual({ ok: true });
});

test("TRACE and other unknown methods answer 405 with Allow and a JSON error", async ({ request }) => {
  // An API endpoint names its own methods (lib/api/method-not-allowed.ts); elsewhere, those a page or route may have.
  const allowOf: Record<string, string> = {
    "/api/health": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    "/api/v1/conversations/1": "GET, HEAD, OPTIONS, PATCH",
    "/inbox": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  };
  for (const method of ["TRACE", "PROPFIND"]) {
    for (const [path, allow] of Object.entries(allowOf)) {
      const response = await request.fetch(path, { method });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"], `${method} ${path}`).toBe(allow);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: "method_not_allowed" } });
    }
  }
});

test("on the production build the API answers JSON for paths it does not have and methods an endpoint lacks", async ({ request }) => {
  // Unknown paths under /api/v1, whatever the method, signed in or not: the API's 404, never Next.js's HTML page.
  for (const [method, path] of [["GET", "/api/v1/nope"], ["POST", "/api/v1/conversations/1/nope"], ["DELETE", "/api/v1/a/b/c"], ["GET", "/api/v1/"]] as const) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(response.headers()["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  }
  // A documented path with a method it does not have: 405 naming its own methods.
  const response = await request.fetch("/api/v1/me", { method: "DELETE" });
  expect(response.status()).toBe(405);
  expect(response.headers()["allow"]?.split(/,\s*/)).toContain("GET");
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
});
