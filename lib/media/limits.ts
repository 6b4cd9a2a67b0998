// What WhatsApp carries, per media type: the mime types Meta's Cloud API supports and
// the largest file of each ("Supported media types" in Meta's media reference). Both
// directions check against it: a file Meta would refuse is refused here first, with a
// clear message, and an inbound file Meta says is bigger than WhatsApp allows is not
// fetched. Browser-safe: the reply box validates with it before uploading.

export const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

const MB = 1024 * 1024;

export const MEDIA_LIMITS: Record<MediaType, { maxBytes: number; mimeTypes: readonly string[] }> = {
  image: { maxBytes: 5 * MB, mimeTypes: ["image/jpeg", "image/png"] },
  // Meta: ogg with the opus codec only; voice notes arrive as "audio/ogg; codecs=opus".
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"] },
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp", "video/3gp"] },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
  },
  // 100 KB static, 500 KB animated: the larger bound, since the file alone does not say which.
  sticker: { maxBytes: 500 * 1024, mimeTypes: ["image/webp"] },
};

/** The types an agent may send (docs/behaviour.md#the-inbox: photos, documents and audio). */
export const OUTBOUND_MEDIA_TYPES = ["image", "document", "audio"] as const satisfies readonly MediaType[];
export type OutboundMediaType = (typeof OUTBOUND_MEDIA_TYPES)[number];

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export const baseMimeType = (mime: string): string => mime.split(";")[0]!.trim().toLowerCase();

export const isMediaType = (type: string): type is MediaType => (MEDIA_TYPES as readonly string[]).includes(type);

/**
 * Whether a file of this mime type and size may be carried as `type`: null when it may,
 * else why not ("type" or "size").
 */
export function mediaRefusal(type: MediaType, mimeType: string, size: number): "type" | "size" | null {
  const limits = MEDIA_LIMITS[type];
  if (!limits.mimeTypes.includes(baseMimeType(mimeType))) return "type";
  if (size > limits.maxBytes) return "size";
  return null;
}

/** The outbound type a file goes as, from its mime type (a PDF is a document, a PNG an image); null when none carries it. */
export function outboundTypeOf(mimeType: string): OutboundMediaType | null {
  const mime = baseMimeType(mimeType);
  return OUTBOUND_MEDIA_TYPES.find((type) => MEDIA_LIMITS[type].mimeTypes.includes(mime)) ?? null;
}

/** For an inbound file the mime type is Meta's word: only the kind must match the message's type. */
export function inboundMimeMatches(type: MediaType, mimeType: string): boolean {
  const mime = baseMimeType(mimeType);
  if (type === "image" || type === "sticker") return mime.startsWith("image/");
  if (type === "audio") return mime.startsWith("audio/") || mime === "video/mp4";
  if (type === "video") return mime.startsWith("video/");
  return mime.length > 0;
}
