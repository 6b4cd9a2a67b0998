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
