// Readers of a stored message payload for the thread (issue 11 finding 9). The payload
// is what a webhook said, and a webhook body can hold any JSON: every reader takes
// `unknown` and returns only what has the expected shape, never throwing.
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const finite = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const objects = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isObject) : []);

export type ContactCardView = { name: string | null; phones: string[]; emails: string[] };

export function readContactCards(value: unknown): ContactCardView[] {
  return objects(value).map((card) => ({
    name: isObject(card.name) ? text(card.name.formatted_name) : null,
    phones: objects(card.phones).flatMap((p) => text(p.phone) ?? []),
    emails: objects(card.emails).flatMap((e) => text(e.email) ?? []),
  }));
}

export type LocationView = { latitude: number; longitude: number; name: string | null; address: string | null };

export function readLocation(value: unknown): LocationView | null {
  if (!isObject(value)) return null;
  const latitude = finite(value.latitude);
  const longitude = finite(value.longitude);
  if (latitude === null || longitude === null) return null;
  return { latitude, longitude, name: text(value.name), address: text(value.address) };
}

export type ReplyView = { kind: string; title: string; description: string | null };

export function readReply(value: unknown): ReplyView | null {
  if (!isObject(value)) return null;
  const title = text(value.title);
  return title ? { kind: text(value.kind) ?? "button", title, description: text(value.description) } : null;
}

export type MediaView = { filename: string | null; mimeType: string | null; voice: boolean };

export function readMedia(value: unknown): MediaView {
  if (!isObject(value)) return { filename: null, mimeType: null, voice: false };
  return { filename: text(value.filename), mimeType: text(value.mimeType), voice: value.voice === true };
}

export function readReactionEmoji(value: unknown): string | null {
  return isObject(value) ? text(value.emoji) : null;
}

export function readPayload(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
