"use client";

// What every card of a group's Settings does on Save (docs/behaviour.md#group-settings):
// send only the settings of that card the manager changed, against the version the page
// shows; show the server's message for each field under it, or the card's "saved" notice
// (kept by the page, so that it outlives the refresh that remounts the card).
import { useState } from "react";
import { saveGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { describeActionError } from "@/components/ui/action-error";
import type { CardNoticeProps } from "@/components/ui/field";
import type { GroupDetails } from "@/lib/groups";
import { changedDraft, draftOf, type GroupSettingsInput, type SettingSpec, type SettingsDraft } from "@/lib/groups/settings-fields";
import type { MessageKey } from "@/lib/i18n/translate";
import { useRefreshGroup } from "./use-refresh-group";

export function useSettingsCard(
  group: GroupDetails["group"],
  card: SettingSpec["card"],
  savedText: MessageKey,
  onNotice: CardNoticeProps["onNotice"],
) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(group.id);
  const saved = draftOf(group);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  /** Saves what of `draft` differs from the saved settings, for this card's fields. */
  async function save(draft: SettingsDraft) {
    setPending(true);
    onNotice(null);
    const changed = changedDraft(saved, draft, card);
    const result = await saveGroupSettings({ groupId: group.id, version: group.version, ...changed } as GroupSettingsInput);
    setPending(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      setFields(described.fields);
      return onNotice({ tone: "error", text: Object.keys(described.fields).length > 0 ? t("error.invalid_input") : described.message });
    }
    setFields({});
    onNotice({ tone: "success", text: t(savedText) });
    await refresh();
  }

  return { saved, pending, fields, save };
}
