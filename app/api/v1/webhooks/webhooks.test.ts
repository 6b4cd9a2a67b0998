// The webhook operations after registration through the routes (SPEC §10 "Complete":
// edit, pause, rotate secret, replay a delivery; the paged log): each answer is exactly
// its declared schema (as app/api/v1/answers.test.ts checks), bodies are strict, an agent
// is refused with every id, and another endpoint's or an unknown id is 404.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { operations } from "@/lib/api/operations";
import { apiTestWorld, callRoute, type ApiCall } from "@/test/api-client";
import type { TestDatabase } from "@/test/database";

const state = vi.hoisted(() => ({ db: undefined as unknown, user: null as SessionUser | null, graph: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

const routes: Record<string, Record<string, unknown>> = {
  "/webhooks": await import("./route"),
  "/webhooks/{id}": await import("./[id]/route"),
  "/webhooks/{id}/rotate-secret": await import("./[id]/rotate-secret/route"),
  "/webhooks/{id}/deliveries": await import("./[id]/deliveries/route"),
  "/webhooks/{id}/deliveries/{deliveryId}/replay": await import("./[id]/deliveries/[deliveryId]/replay/route"),
  "/webhooks/{id}/test": await import("./[id]/test/route"),
};

let t: TestDatabase;
let tokens: Record<string, string>;
let close: () => Promise<unknown>;

beforeAll(async () => {
  ({ t, tokens, close } = await apiTestWorld(state, ["manager", "ana"], "webhooks"));
});
afterAll(() => close());

const handlerOf = (path: string, method: string) => routes[path]![method.toUpperCase()] as Parameters<typeof callRoute>[0];
const call = (path: string, method: string, request: Omit<ApiCall, "method">) => callRoute(handlerOf(path, method), { ...request, method: method.toUpperCase() });

/** Calls the documented operation and checks its status and that its answer is exactly its declared schema. */
async function callDocumented(method: string, path: string, request: Omit<ApiCall, "method">, status = 200) {
  const operation = operations.find((o) => o.method === method && o.path === path);
  expect(operation?.answer, `${method} ${path} declares its answer`).toBeDefined();
  expect(Boolean(operation!.created), `${method} ${path} is documented as ${status}`).toBe(status === 201);
  const answer = await call(path, method, request);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
  const parsed = (operation!.answer as z.ZodType).safeParse(answer.body);
  expect(parsed.error?.issues ?? [], `${method} ${path}`).toEqual([]);
  expect(parsed.data, `${method} ${path} has no undeclared field`).toEqual(answer.body);
  return answer.body;
}

async function register(url: string) {
  const created = await call("/webhooks", "post", { path: "/webhooks", token: tokens.manager, body: { url, secret: "0123456789abcdef", events: ["conversation.created"] } });
  expect(created.status).toBe(201);
  return String(created.body.endpoint.id);
}

describe("webhook endpoints through the API", () => {
  it("edit, pause, rotate, page the log and replay: answers are their schemas", async () => {
    const id = await register("https://hooks.example/one");
    const other = await register("https://hooks.example/two");
    const params = { id };

    const edited = await callDocumented("patch", "/webhooks/{id}", { path: `/webhooks/${id}`, params, token: tokens.manager, body: { url: "https://hooks.example/renamed", events: ["message.created", "note.created"] } });
    expect(edited.endpoint).toMatchObject({ url: "https://hooks.example/renamed", events: ["message.created", "note.created"], paused: false });
    const paused = await callDocumented("patch", "/webhooks/{id}", { path: `/webhooks/${id}`, params, token: tokens.manager, body: { paused: true } });
    expect(paused.endpoint).toMatchObject({ paused: true, active: false, url: "https://hooks.example/renamed" });
    // The other endpoint's URL: 409 naming url. A misspelt field: 400 naming it, nothing changes.
    const taken = await call("/webhooks/{id}", "patch", { path: `/webhooks/${id}`, params, token: tokens.manager, body: { url: "https://hooks.example/two" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ url: "webhooks.invalid.duplicateUrl" });
    const unknownField = await call("/webhooks/{id}", "patch", { path: `/webhooks/${id}`, params, token: tokens.manager, body: { pause: false } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.fields).toEqual({ pause: "error.unknownField" });
    const [row] = await t.sql`SELECT url, active FROM webhook_endpoints WHERE id = ${Number(id)}`;
    expect(row).toEqual({ url: "https://hooks.example/renamed", active: false });

    const rotated = await callDocumented("post", "/webhooks/{id}/rotate-secret", { path: `/webhooks/${id}/rotate-secret`, params, token: tokens.manager });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(Date.parse(rotated.endpoint.previousSecretUntil)).toBeGreaterThan(Date.now());
    // Shown once: no other answer carries it.
    const listed = await callDocumented("get", "/webhooks", { path: "/webhooks", token: tokens.manager });
    expect(JSON.stringify(listed)).not.toContain(rotated.secret);

    for (let i = 0; i < 3; i++) expect((await call("/webhooks/{id}/test", "post", { path: `/webhooks/${id}/test`, params, token: tokens.manager })).status).toBe(200);
    const first = await callDocumented("get", "/webhooks/{id}/deliveries", { path: `/webhooks/${id}/deliveries?limit=2`, params, token: tokens.manager });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await callDocumented("get", "/webhooks/{id}/deliveries", { path: `/webhooks/${id}/deliveries?limit=2&cursor=${first.nextCursor}`, params, token: tokens.manager });
    expect(second).toMatchObject({ items: [{ event: "webhook.test" }], nextCursor: null });
    const badLimit = await call("/webhooks/{id}/deliveries", "get", { path: `/webhooks/${id}/deliveries?limit=0`, params, token: tokens.manager });
    expect(badLimit.status).toBe(400);

    const original = second.items[0];
    const replayed = await callDocumented(
      "post",
      "/webhooks/{id}/deliveries/{deliveryId}/replay",
      { path: `/webhooks/${id}/deliveries/${original.deliveryId}/replay`, params: { id, deliveryId: original.deliveryId }, token: tokens.manager },
      201,
    );
    expect(replayed.delivery).toMatchObject({ event: "webhook.test", state: "pending", replayOf: original.deliveryId });
    expect(replayed.delivery.deliveryId).not.toBe(original.deliveryId);
    const [copy] = await t.sql`SELECT payload FROM webhook_deliveries WHERE delivery_id = ${replayed.delivery.deliveryId}`;
    expect((copy!.payload as { id: string }).id).toBe(original.deliveryId);

    // Another endpoint's delivery id, an unknown one, an unknown endpoint: 404.
    const theirs = (await call("/webhooks/{id}/test", "post", { path: `/webhooks/${other}/test`, params: { id: other }, token: tokens.manager })).body.deliveryId;
    for (const [endpoint, deliveryId] of [
      [id, theirs],
      [id, "00000000-0000-4000-8000-000000000000"],
      ["999999", original.deliveryId],
    ]) {
      const answer = await call("/webhooks/{id}/deliveries/{deliveryId}/replay", "post", { path: `/webhooks/${endpoint}/deliveries/${deliveryId}/replay`, params: { id: endpoint!, deliveryId: deliveryId! }, token: tokens.manager });
      expect(answer.status, `${endpoint} ${deliveryId}`).toBe(404);
    }
    for (const [path, method, body] of [
      ["/webhooks/{id}", "patch", { paused: false }],
      ["/webhooks/{id}/rotate-secret", "post", undefined],
      ["/webhooks/{id}/deliveries", "get", undefined],
    ] as const) {
      const answer = await call(path, method, { path: path.replace("{id}", "999999"), params: { id: "999999" }, token: tokens.manager, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const replays = await t.sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE replay_of IS NOT NULL`;
    expect(replays[0]).toEqual({ n: 1 });
  });

  it("an agent is refused each of them, with every id, and nothing changes", async () => {
    const id = await register("https://hooks.example/agent-refused");
    const deliveryId = (await call("/webhooks/{id}/test", "post", { path: `/webhooks/${id}/test`, params: { id }, token: tokens.manager })).body.deliveryId as string;
    const before = await t.sql`SELECT url, events, active, secret, secret_rotated_at FROM webhook_endpoints WHERE id = ${Number(id)}`;
    for (const [path, method, body] of [
      ["/webhooks/{id}", "patch", { paused: true }],
      ["/webhooks/{id}/rotate-secret", "post", undefined],
      ["/webhooks/{id}/deliveries", "get", undefined],
      ["/webhooks/{id}/deliveries/{deliveryId}/replay", "post", undefined],
    ] as const) {
      const answer = await call(path, method, { path: path.replace("{id}", id).replace("{deliveryId}", deliveryId), params: { id, deliveryId }, token: tokens.ana, body });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    expect(await t.sql`SELECT url, events, active, secret, secret_rotated_at FROM webhook_endpoints WHERE id = ${Number(id)}`).toEqual(before);
    expect((await t.sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${Number(id)}`)[0]).toEqual({ n: 1 });
  });
});
