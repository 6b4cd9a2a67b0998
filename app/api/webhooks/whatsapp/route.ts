// Meta's webhook for the WhatsApp Cloud API (SPEC §6). Answers fast: the body is
// verified and stored before the answer, processed after it.
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { env } from "@/lib/env";
import { ingestAndDistribute } from "@/lib/inbound/ingest-and-distribute";
import { MAX_WEBHOOK_BYTES, receiveWebhook, SIGNATURE_HEADER, verifySubscription } from "@/lib/whatsapp";
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
  const receipt = await receiveWebhook(
    db,
    {
      rawBody: await readAtMost(request, MAX_WEBHOOK_BYTES + 1),
      signature: request.headers.get(SIGNATURE_HEADER),
      remoteAddr: request.headers.get(CLIENT_ADDRESS_HEADER),
    },
    { appSecret: env().WHATSAPP_APP_SECRET },
  );
  if (!receipt.accepted) return Response.json({ error: receipt.error }, { status: receipt.status });

  // Not awaited: Meta wants its answer within seconds, and a body stored `received` is
  // picked up by the retry sweep if this process dies first. (next/server's after()
  // would need a request scope, which the custom server has but direct calls lack.)
  void ingestAndDistribute(db, receipt.eventId);
  return Response.json({ ok: true });
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
