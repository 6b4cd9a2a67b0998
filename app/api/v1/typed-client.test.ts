// SPEC §10 "Described": a client generated from the document is typed end to end. The
// types openapi-typescript makes of it (lib/api/generated/openapi.d.ts, checked current
// here) drive openapi-fetch against a server routing as server.ts does, through the CRM
// flow of an integration: the queue, take, reply, transfer, close, the report. tsc
// checks this file like any other, and it has no type assertion: every field read below
// is typed by the document.
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { apiTypesSource, API_TYPES_FILE } from "@/lib/api/generated-types";
import type { paths } from "@/lib/api/generated/openapi";
import { apiTestWorld } from "@/test/api-client";
import { startApiServer } from "@/test/api-server";
import { queueConversations } from "@/test/groups-fixtures";

const state: { db: unknown; user: SessionUser | null; graph: unknown } = vi.hoisted(() => ({ db: undefined, user: null, graph: undefined }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => state.db }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => state.user }));
vi.mock("@/lib/whatsapp/graph-config", async (importOriginal) => ({ ...(await importOriginal<object>()), graphConfigFromEnv: () => state.graph }));

let world: Awaited<ReturnType<typeof apiTestWorld>>;
let server: Awaited<ReturnType<typeof startApiServer>>;

beforeAll(async () => {
  world = await apiTestWorld(state, ["manager", "elisa", "fabio"], "typed-client");
  server = await startApiServer();
});
afterAll(async () => {
  await server?.close();
  await world.close();
});

const clientFor = (token: string) => createClient<paths>({ baseUrl: server.baseUrl, headers: { authorization: `Bearer ${token}` } });

/** The answer of a call that must succeed (else the error the API gave). */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

describe("a generated client, typed by the document", () => {
  it("the generated types are current (else: node_modules/.bin/tsx scripts/generate-api-types.ts)", async () => {
    expect(readFileSync(API_TYPES_FILE, "utf8")).toBe(await apiTypesSource());
  });

  it("works the queue: list, take, reply, transfer, close, then the manager reads the summary", async () => {
    const [queuedId] = await queueConversations(world.t.db, world.ids.financeiro!, 1);
    const elisa = clientFor(world.tokens.elisa!);
    const fabio = clientFor(world.tokens.fabio!);

    const queue = ok(await elisa.GET("/conversations", { params: { query: { tab: "queue", groupId: world.ids.financeiro } } }));
    const waiting = queue.items.find((item) => item.id === queuedId);
    expect(waiting?.status).toBe("queued");
    expect(queue.counts.queue).toBeGreaterThan(0);

    const taken = ok(await elisa.POST("/conversations/{id}/take", { params: { path: { id: queuedId! } } }));
    expect(taken.assignee?.id).toBe(world.ids.elisa);
    expect(taken.can.reply).toBe(true);

    const reply = ok(await elisa.POST("/conversations/{id}/messages", { params: { path: { id: taken.id } }, body: { text: "Olá! Já vou verificar o seu pedido." } }));
    const thread = ok(await elisa.GET("/conversations/{id}/messages", { params: { path: { id: taken.id } } }));
    expect(thread.find((message) => message.id === reply.messageId)?.body).toBe("Olá! Já vou verificar o seu pedido.");

    const transferred = ok(await elisa.POST("/conversations/{id}/transfer", { params: { path: { id: taken.id } }, body: { userId: world.ids.fabio! } }));
    expect(transferred.assignee?.id).toBe(world.ids.fabio);
    // Elisa no longer has it: closing it is refused, with the API's error.
    const refused = await elisa.POST("/conversations/{id}/close", { params: { path: { id: taken.id } } });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.error.code).toBe("forbidden");

    const closed = ok(await fabio.POST("/conversations/{id}/close", { params: { path: { id: taken.id } } }));
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).not.toBeNull();

    const manager = clientFor(world.tokens.manager!);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const summary = ok(await manager.GET("/reports/summary", { params: { query: { from, to, groupId: world.ids.financeiro } } }));
    expect(summary.closed).toBeGreaterThanOrEqual(1);
    expect(summary.assigned.transfer).toBeGreaterThanOrEqual(1);
    expect(summary.groupId).toBe(world.ids.financeiro);
  });

  it("has no type assertion in this file", () => {
    const source = readFileSync(new URL(import.meta.url), "utf8");
    expect(source.match(/\)\s+as\s+\w|\w\s+as\s+(unknown|any|[A-Z])/g) ?? []).toEqual([]);
  });
});
