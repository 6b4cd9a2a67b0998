// The errors an operation of /api/v1 can give (SPEC §10 "Described": each lists only
// those), derived from its declaration by the rules that produce them in app/api/api-route.ts
// and the lib/ commands, so that a new operation is described right without listing them:
// the property test (app/api/v1/property.test.ts) holds every answer it provokes to this list.
import type { Operation } from "./operations";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 502;

const RULES: { status: ErrorStatus; when: (operation: Operation) => boolean; why: string }[] = [
  { status: 400, why: "Invalid input: fields names each invalid field (an unknown one too)", when: (o) => o.body !== undefined || o.query !== undefined || hasPathParams(o) || o.idempotent === true },
  { status: 401, why: "No session and no valid API token (unknown, revoked, or its user deactivated)", when: signedIn },
  // A manager operation refuses agents; a path id is checked against the caller's groups;
  // a change carried by the session cookie is refused from another site.
  { status: 403, why: "Not allowed for your role or group", when: (o) => o.access === "manager" || (signedIn(o) && (hasPathParams(o) || o.method !== "get")) },
  { status: 404, why: "No such resource (an id that does not exist)", when: hasPathParams },
  // A retry while the first request with the same Idempotency-Key is still running.
  { status: 409, why: "Conflict with the current state (already taken, closed, outside the window, an Idempotency-Key in use, …)", when: (o) => o.idempotent === true },
  { status: 413, why: "The body is larger than the server takes (for a file: than WhatsApp takes)", when: (o) => o.body !== undefined || o.upload === true },
  { status: 422, why: "Idempotency-Key reused for a different request", when: (o) => o.idempotent === true },
  { status: 429, why: "Rate limit reached (per token and per user), or the server is busy: retry after Retry-After seconds", when: signedIn },
];

const EXTRA_WHY: Record<ErrorStatus, string> = {
  400: "",
  401: "",
  403: "Not allowed for your role or group (a filter beyond what you may see)",
  404: "",
  409: "Conflict with the current state (already taken, closed, outside the window, …)",
  413: "",
  422: "",
  429: "",
  502: "WhatsApp refused or did not answer",
};

function signedIn(operation: Operation): boolean {
  return operation.access !== "public";
}

function hasPathParams(operation: Operation): boolean {
  return operation.path.includes("{");
}

/** Each error status the operation can answer, with why. */
export function errorStatusesOf(operation: Operation): Map<ErrorStatus, string> {
  const statuses = new Map<ErrorStatus, string>();
  for (const rule of RULES) if (rule.when(operation)) statuses.set(rule.status, rule.why);
  for (const status of operation.errors ?? []) if (!statuses.has(status)) statuses.set(status, EXTRA_WHY[status]);
  return new Map([...statuses].sort(([a], [b]) => a - b));
}
