// For the public API's tests: call a route handler as an HTTP client would — with a
// bearer token, or as the (mocked) session user — and read status and JSON.
type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiCall = {
  method?: string;
  path: string;
  params?: Record<string, string>;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

// The answers are whatever each route returns: tests read them as loosely as JSON is.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function callRoute(handler: Handler, call: ApiCall): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers["content-type"] ??= "application/json";
  const request = new Request(`http://localhost/api/v1${call.path}`, {
    method: call.method ?? "GET",
    headers,
    body: call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body),
  });
  const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (CSV, HTML)
  }
  return { status: response.status, body, headers: response.headers };
}

/**
 * The world a route test runs in: a seeded database, a fake Graph API, and an API token
 * and id per demo handle (plus the Financeiro group's id). `state` is the test file's
 * vi.mock'ed module state; it is pointed at them.
 */
export async function apiTestWorld(state: { db: unknown; graph: unknown }, handles: string[], tokenName: string) {
  const { DEMO_PASSWORD } = await import("@/db/seed");
  const { createApiToken } = await import("@/lib/api/tokens");
  const { startFakeGraph } = await import("@/dev/fake-graph");
  const { createTestDatabase } = await import("@/test/database");
  const { actorOf, findGroupId } = await import("@/test/groups-fixtures");
  const { testGraphConfig } = await import("@/test/whatsapp-fixtures");
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  const t = await createTestDatabase({ seeded: true });
  state.db = t.db;
  const fake = await startFakeGraph();
  state.graph = testGraphConfig(fake);
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  for (const handle of handles) {
    const actor = await actorOf(t.db, handle);
    ids[handle] = actor.id;
    tokens[handle] = (await createApiToken(t.db, actor, { name: tokenName, password: DEMO_PASSWORD })).token;
  }
  ids.financeiro = await findGroupId(t.db, "Financeiro");
  return { t, fake, tokens, ids, close: async () => (await fake.close(), await t.drop()) };
}
