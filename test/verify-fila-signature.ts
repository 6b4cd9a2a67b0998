// The receiver's recipe of docs/behaviour.md#outgoing-webhooks, as written there, for the
// tests that check what Fila sends (with `now` to test a replay).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export function verifyFilaV2(rawBody: string, headers: IncomingHttpHeaders, secret: string, now = Math.floor(Date.now() / 1000)) {
  const timestamp = String(headers["x-fila-timestamp"] ?? "");
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 300) return false; // older than 5 minutes: a replay
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`);
  // While a secret rotates the header holds two, "sha256=<new>, sha256=<old>": accept either.
  return String(headers["x-fila-signature-v2"] ?? "")
    .split(",")
    .some((part) => {
      const given = Buffer.from(part.trim());
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
