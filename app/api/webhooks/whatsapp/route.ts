// Meta's webhook for the WhatsApp Cloud API (docs/behaviour.md#whatsapp). Verifies, stores and answers —
// nothing else on the request's path: concurrent bodies share one INSERT (group commit,
// lib/whatsapp/webhook-store.ts), the answer waits for the body's own commit, and the
// ingest worker (lib/inbound/ingest-worker.ts) processes it after. server.ts answers
// the POST itself, ahead of Next.js, with the same code (lib/inbound/webhook-endpoint.ts).
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { env } from "@/lib/env";
import { answerWebhookPost } from "@/lib/inbound/webhook-endpoint";
import { REQUEST_ID_HEADER } from "@/lib/runtime/request-id";
import { MAX_WEBHOOK_BYTES, SIGNATURE_HEADER, verifySubscription } from "@/lib/whatsapp";
import { apiRoute } from "../../api-route";

export const dynamic = "force-dynamic";

/** The subscription handshake: echo the challenge when the verify token is ours. */
export const GET = apiRoute({ role: "public" }, ({ request }) => {
  const challenge = verifySubscription(new URL(request.url).searchParams, env().WHATSAPP_VERIFY_TOKEN);
  // The echo is text the caller chose: never let a browser sniff it into HTML.
  const headers = { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" };
  if (challenge === null) return new Response("Forbidden", { status: 403, headers });
  return new Response(challenge, { status: 200, headers });
});

export const POST = apiRoute({ role: "public" }, async ({ db, request }) => {
  const answer = await answerWebhookPost(
    db,
    {
      rawBody: await readAtMost(request, MAX_WEBHOOK_BYTES + 1),
      signature: request.headers.get(SIGNATURE_HEADER),
      remoteAddr: request.headers.get(CLIENT_ADDRESS_HEADER),
      requestId: request.headers.get(REQUEST_ID_HEADER),
    },
    env().WHATSAPP_APP_SECRET,
  );
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
});

/** The raw bytes (the signature covers them), but never more than `limit`: the rest is not read. */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= limit) await reader.cancel();
  return Buffer.concat(chunks);
}
