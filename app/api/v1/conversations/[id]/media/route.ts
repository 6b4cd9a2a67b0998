// POST /api/v1/conversations/:id/media — send a photo, document or audio file. The body is
// the file itself (its Content-Type the file's), streamed into PostgreSQL with WhatsApp's
// size limit enforced as it arrives. The file's name comes in X-Fila-Filename (URI-encoded):
// a custom header, so that no page of another site can post a file here without a CORS
// preflight; ?caption= goes with it.
import { sendMediaAnnounced } from "@/lib/realtime/announced-commands";
import { UserError } from "@/lib/errors";
import { graphConfigFromEnv } from "@/lib/whatsapp";
import { apiRoute } from "../../../../api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>({ role: "signed-in", created: true }, async ({ db, user, params, request, query }) => {
  const filename = request.headers.get("x-fila-filename");
  if (filename === null) throw new UserError("invalid_input", "Name the file in the X-Fila-Filename header.", {}, { file: "media.invalid.type" });
  if (!request.body) throw new UserError("invalid_input", "Send the file as the request body.", {}, { file: "media.invalid.type" });
  const length = request.headers.get("content-length");
  const { messageId } = await sendMediaAnnounced(
    db,
    user,
    {
      conversationId: params.id,
      mimeType: request.headers.get("content-type") ?? "",
      filename: safeDecode(filename),
      caption: query.caption,
      declaredSize: length === null ? null : Number(length),
      body: request.body as unknown as AsyncIterable<Uint8Array>,
    },
    graphConfigFromEnv(),
  );
  return { ok: true, messageId };
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
