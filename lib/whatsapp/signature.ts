// Meta signs every webhook body: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
// raw bytes, keyed with the app secret>`.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-hub-signature-256";

export function signBody(appSecret: string, rawBody: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: "missing" | "malformed" | "mismatch" };

/** Compares in constant time, so that the answer's timing tells nothing about the expected value. */
export function verifySignature(appSecret: string, rawBody: string | Uint8Array, header: string | null): SignatureCheck {
  if (!header) return { valid: false, reason: "missing" };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return { valid: false, reason: "malformed" };
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, "hex");
  return timingSafeEqual(expected, given) ? { valid: true } : { valid: false, reason: "mismatch" };
}
