// Where to go after signing in: only a path of this app. The candidate is parsed with
// URL against the app's own origin, the way the browser will resolve it, so that
// "/\evil.example", "/\tevil.example" or "//evil.example" (which browsers read as
// another host) can never leave the site.
const FALLBACK = "/inbox";
const BASE = "http://fila.invalid";

export function safeCallbackPath(candidate: unknown, fallback = FALLBACK): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 2048) return fallback;
  // Control characters and backslashes are stripped or reinterpreted by browsers: refuse
  // them, also percent-encoded (a link may be decoded once more on its way).
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return fallback;
  }
  for (const form of [candidate, decoded]) {
    if (/[\u0000-\u001f\u007f\\]/.test(form)) return fallback;
    if (!form.startsWith("/") || form.startsWith("//")) return fallback;
  }
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never back to the sign-in page itself.
  return path.startsWith("/login") || path.startsWith("/api/") ? fallback : path;
}
