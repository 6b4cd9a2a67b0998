"use client";

// A group's service levels (docs/behaviour.md#service-levels): the first-response and
// resolution targets, each with its one-line explanation. Saved with the other settings'
// action (only what changed, against the version the page shows: docs/behaviour.md#group-settings);
// the server validates, and its message for each field shows under the field.
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { buttonClass } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, type CardNoticeProps } from "@/components/ui/field";
import type { GroupDetails } from "@/lib/groups";
import { useSettingsCard } from "./use-settings-card";

export function ServiceLevelsForm({ group, notice, onNotice }: { group: GroupDetails["group"] } & CardNoticeProps) {
  const { t } = useI18n();
  const { saved, pending, fields, save } = useSettingsCard(group, "serviceLevels", "sla.settings.saved", onNotice);
  const [firstResponse, setFirstResponse] = useState(saved.firstResponseTargetMinutes);
  const [resolution, setResolution] = useState(saved.resolutionTargetMinutes);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await save({ ...saved, firstResponseTargetMinutes: firstResponse, resolutionTargetMinutes: resolution });
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
