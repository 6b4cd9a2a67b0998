"use client";

// The customer's place in line (docs/behaviour.md#place-in-line): whether waiting customers are
// told their position, how often, at most how many times, and in which words (a preview
// of each, as sent). Saved like the other cards (only what changed, against the version
// the page shows: docs/behaviour.md#group-settings); the server's message for a field shows under it.
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { buttonClass } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, type CardNoticeProps } from "@/components/ui/field";
import type { GroupDetails } from "@/lib/groups";
import { positionMessage } from "@/lib/place-in-line/text";
import { Switch } from "./settings-form";
import { useSettingsCard } from "./use-settings-card";

export function PlaceInLineForm({ group, notice, onNotice }: { group: GroupDetails["group"] } & CardNoticeProps) {
  const { t } = useI18n();
  const { saved, pending, fields, save } = useSettingsCard(group, "placeInLine", "placeInLine.settings.saved", onNotice);
  const [tell, setTell] = useState(saved.tellQueuePosition);
  const [every, setEvery] = useState(saved.queuePositionEveryMinutes);
  const [max, setMax] = useState(saved.queuePositionMaxMessages);
  const [textPt, setTextPt] = useState(saved.queuePositionMessagePt);
  const [textEn, setTextEn] = useState(saved.queuePositionMessageEn);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await save({
      ...saved,
      tellQueuePosition: tell,
      queuePositionEveryMinutes: every,
      queuePositionMaxMessages: max,
      queuePositionMessagePt: textPt,
      queuePositionMessageEn: textEn,
    });
  }

  const textArea = (id: string, field: string, value: string, set: (v: string) => void) => (
    <textarea {...describedBy(id, fields[field])} className={`${inputClass} min-h-16`} rows={2} value={value} onChange={(e) => set(e.target.value)} />
  );
  const preview = (text: string, language: "pt-BR" | "en", testId: string) => (
    <p className="text-xs text-slate-500">
      {t("placeInLine.settings.preview")}{" "}
      <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-slate-800" data-testid={testId}>
        {positionMessage(text, language, 3, 4)}
      </span>
    </p>
  );

  return (
    <form onSubmit={submit} className={`${cardClass} flex flex-col gap-5`} noValidate aria-labelledby="place-in-line-title" data-testid="place-in-line-form">
      <h2 id="place-in-line-title" className="text-base font-semibold">
        {t("placeInLine.settings.title")}
      </h2>
      <Switch id="tell-queue-position" label={t("placeInLine.settings.tell")} hint={t("placeInLine.settings.tellHelp")} on={tell} onChange={setTell} />
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="position-every" label={t("placeInLine.settings.every")} hint={t("placeInLine.settings.everyHelp")} error={fields.queuePositionEveryMinutes}>
          <input {...describedBy("position-every", fields.queuePositionEveryMinutes)} className={`${inputClass} max-w-40`} inputMode="numeric" value={every} onChange={(e) => setEvery(e.target.value)} />
        </FormField>
        <FormField id="position-max" label={t("placeInLine.settings.max")} hint={t("placeInLine.settings.maxHelp")} error={fields.queuePositionMaxMessages}>
          <input {...describedBy("position-max", fields.queuePositionMaxMessages)} className={`${inputClass} max-w-40`} inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} />
        </FormField>
      </div>
      <div className="flex flex-col gap-2">
        <FormField id="position-text-pt" label={t("placeInLine.settings.textPt")} hint={t("placeInLine.settings.textHelp")} error={fields.queuePositionMessagePt}>
          {textArea("position-text-pt", "queuePositionMessagePt", textPt, setTextPt)}
        </FormField>
        {preview(textPt, "pt-BR", "position-preview-pt")}
      </div>
      <div className="flex flex-col gap-2">
        <FormField id="position-text-en" label={t("placeInLine.settings.textEn")} error={fields.queuePositionMessageEn}>
          {textArea("position-text-en", "queuePositionMessageEn", textEn, setTextEn)}
        </FormField>
        {preview(textEn, "en", "position-preview-en")}
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
