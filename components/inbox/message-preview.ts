// One line that stands for a message in the conversation list.
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { MessagePreview } from "@/lib/inbox/types";

const LABELLED = new Set(["image", "audio", "video", "document", "sticker", "location", "contacts"]);

const SYSTEM_KINDS = new Set(["user_changed_number", "user_changed_user_id", "customer_identity_changed"]);

export function previewText(preview: MessagePreview, t: Translate): string {
  const label = LABELLED.has(preview.type) ? t(`inbox.message.${preview.type}` as MessageKey) : null;
  if (preview.type === "reaction") return preview.body ? t("inbox.message.reaction", { emoji: preview.body }) : t("inbox.message.reactionRemoved");
  if (preview.type === "order") return preview.body ? `${t("whatsapp.message.order")} · ${preview.body}` : t("whatsapp.message.order");
  if (preview.type === "edit") return preview.body ? t("whatsapp.message.editedTo", { text: preview.body }) : t("whatsapp.message.editedMessage");
  if (preview.type === "revoke") return t("whatsapp.message.deletedMessage");
  if (preview.type === "system") {
    const kind = preview.systemKind && SYSTEM_KINDS.has(preview.systemKind) ? preview.systemKind : "other";
    return t(`whatsapp.message.system.${kind}` as MessageKey);
  }
  if (preview.type === "interactive" && preview.flowReply) return t("whatsapp.message.flowReply");
  if (label) return preview.body ? `${label} · ${preview.body}` : label;
  return preview.body ?? t("inbox.message.unsupported", { type: preview.type });
}
