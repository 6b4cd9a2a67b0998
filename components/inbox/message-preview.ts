// One line that stands for a message in the conversation list.
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { MessagePreview } from "@/lib/inbox/types";

const LABELLED = new Set(["image", "audio", "video", "document", "sticker", "location", "contacts"]);

export function previewText(preview: MessagePreview, t: Translate): string {
  const label = LABELLED.has(preview.type) ? t(`inbox.message.${preview.type}` as MessageKey) : null;
  if (preview.type === "reaction") return preview.body ? t("inbox.message.reaction", { emoji: preview.body }) : t("inbox.message.reactionRemoved");
  if (label) return preview.body ? `${label} · ${preview.body}` : label;
  return preview.body ?? t("inbox.message.unsupported", { type: preview.type });
}
