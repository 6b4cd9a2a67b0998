// Meta's error codes decide what a failed send means (docs/behaviour.md#whatsapp), not only the HTTP
// status: Meta answers a rate limit (130429) with HTTP 400, and an expired token (190)
// needs a manager, not a retry. Codes from Meta's Cloud API error-code reference.

/** Throughput (130429), pair rate limit (131056), account rate limit (80007), API call limits (4, 613). */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([130429, 131056, 80007, 4, 613]);
/** Meta-side trouble that may pass: unknown (1), service (2), "something went wrong" (131000), unavailable (131016). */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 131000, 131016]);
/** An invalid or expired access token (OAuthException). */
export const TOKEN_CODE = 190;
/** Re-engagement message: more than 24 hours since the contact's last message. */
export const WINDOW_CLOSED_CODE = 131047;

export type MetaFailureKind = "rate_limit" | "transient" | "token" | "window_closed" | "permanent";

export type MetaErrorFields = { code?: unknown; error_subcode?: unknown; [field: string]: unknown };

const numberOf = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) ? value : null);

export function classifyMetaError(error: MetaErrorFields, httpStatus: number | null): MetaFailureKind {
  const code = numberOf(error.code);
  if (code !== null) {
    if (RATE_LIMIT_CODES.has(code)) return "rate_limit";
    if (code === TOKEN_CODE) return "token";
    if (code === WINDOW_CLOSED_CODE) return "window_closed";
    if (TRANSIENT_CODES.has(code)) return "transient";
    // A known code with a 5xx is still Meta's trouble.
    return httpStatus !== null && httpStatus >= 500 ? "transient" : "permanent";
  }
  if (httpStatus === 429) return "rate_limit";
  if (httpStatus === null || httpStatus >= 500) return "transient";
  return "permanent";
}

/**
 * The codes whose meaning the interface explains in the reader's language
 * (catalog keys `whatsapp.error.<code>`, and `whatsapp.error.<code>.<subcode>` where
 * the subcode says more).
 */
export const EXPLAINED_CODES = [
  "130429",
  "131056",
  "80007",
  "4",
  "190",
  "190.463",
  "131047",
  "131026",
  "131000",
  "131016",
  "131005",
  "131008",
  "131009",
  "131021",
  "131031",
  "131042",
  "131048",
  "131049",
  "131050",
  "131051",
  "131052",
  "131053",
  "130472",
  "133010",
  "100",
  "10",
  "200",
  "368",
] as const;
export type ExplainedCode = (typeof EXPLAINED_CODES)[number];
const explained: ReadonlySet<string> = new Set(EXPLAINED_CODES);

/** The most specific explained code of an error (e.g. "190.463"), or null when none applies. */
export function explainedCodeOf(error: MetaErrorFields | null | undefined): ExplainedCode | null {
  if (!error) return null;
  const code = numberOf(error.code);
  if (code === null) return null;
  const subcode = numberOf(error.error_subcode);
  if (subcode !== null && explained.has(`${code}.${subcode}`)) return `${code}.${subcode}` as ExplainedCode;
  return explained.has(String(code)) ? (String(code) as ExplainedCode) : null;
}
