"use client";

// A group's service levels (docs/behaviour.md#service-levels): the first-response and
// resolution targets, each with its one-line explanation. Saved with the other settings'
// action (only what changed, against the version the page shows: docs/behaviour.md#group-settings);
// the server validates, and its message for each field shows under the field.
import { useState } from "react";
import { saveGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { describeActionError } from "@/components/ui/action-error";
import { buttonClass } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, type CardNoticeProps } from "@/components/ui/field";
import type { GroupDetails } from "@/lib/groups";
import { changedDraft, draftOf, type GroupSettingsInput } from "@/lib/groups/settings-fields";
import { useRefreshGroup } from "./use-refresh-group";

export function ServiceLevelsForm({ group, notice, onNotice }: { group: GroupDetails["group"] } & CardNoticeProps) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(group.id);
  const saved = draftOf(group);
  const [firstResponse, setFirstResponse] = useState(saved.firstResponseTargetMinutes);
  const [resolution, setResolution] = useState(saved.resolutionTargetMinutes);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    onNotice(null);
    const changed = changedDraft(saved, { ...saved, firstResponseTargetMinutes: firstResponse, resolutionTargetMinutes: resolution }, "serviceLevels");
    const result = await saveGroupSettings({ groupId: group.id, version: group.version, ...changed } as GroupSettingsInput);
    setPending(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      setFields(described.fields);
      return onNotice({ tone: "error", text: Object.keys(described.fields).length > 0 ? t("error.invalid_input") : described.message });
    }
    setFields({});
    onNotice({ tone: "success", text: t("sla.settings.saved") });
    await refresh();
  }

  const minutesInput = (id: string, field: string, value: string, set: (v: string) => void) => (
    <input {...describedBy(id, fields[field])} className={`${inputClass} max-w-40`} inputMode="numeric" value={value} onChange={(e) => set(e.target.value)} />
  );

  return (
    <form onSubmit={submit} className={`${cardClass} flex flex-col gap-5`} noValidate aria-labelledby="sla-title" data-testid="service-levels-form">
      <h2 id="sla-title" className="text-base font-semibold">
        {t("sla.settings.title")}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="sla-first-response" label={t("sla.settings.firstResponse")} hint={t("sla.settings.firstResponseHelp")} error={fields.firstResponseTargetMinutes}>
          {minutesInput("sla-first-response", "firstResponseTargetMinutes", firstResponse, setFirstResponse)}
        </FormField>
        <FormField id="sla-resolution" label={t("sla.settings.resolution")} hint={t("sla.settings.resolutionHelp")} error={fields.resolutionTargetMinutes}>
          {minutesInput("sla-resolution", "resolutionTargetMinutes", resolution, setResolution)}
        </FormField>
      </div>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <div className="flex justify-end">
        <button type="submit" className={buttonClass()} disabled={pending}>
          {pending ? t("groups.settings.saving") : t("groups.settings.save")}
        </button>
      </div>
    </form>
  );
}
