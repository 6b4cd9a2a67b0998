// The one way the browser reads the JSON API: GET, no cache, and a refusal kept whole
// (`ApiError` with the HTTP status and the server's `{ code, params, fields }`), so that
// screens can say why in the reader's language (describeActionError).
import type { ActionError } from "@/lib/errors";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ActionError | null,
  ) {
    super(error?.message ?? `HTTP ${status}`);
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, (body as { error?: ActionError } | null)?.error ?? null);
  // An expired session is sent to the sign-in page, which is not JSON.
  if (body === null) throw new ApiError(401, { code: "unauthenticated", message: "Please sign in again." });
  return body as T;
}

/** TanStack Query's `retry`: a refusal (4xx) will not change by asking again; a server hiccup may. */
export const retryServerErrors = (count: number, error: Error) => !(error instanceof ApiError && error.status < 500) && count < 2;
