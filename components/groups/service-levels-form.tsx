"use client";

// A group's service levels (docs/behaviour.md#service-levels): the first-response and
// resolution targets, and whether (and how often, how many times, in which words) waiting
// customers are told their place in line. Saved with the other settings' action; the
// server validates, and its message for each field shows under the field.
import { useState } from "react";
import { saveGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { describeActionError } from "@/components/ui/action-error";
import { buttonClass } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import type { GroupDetails } from "@/lib/groups";
import { useRefreshGroup } from "./use-refresh-group";

const text = (value: number | null) => (value === null ? "" : String(value));

export function ServiceLevelsForm({ group }: { group: GroupDetails["group"] }) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(group.id);
  const [firstResponse, setFirstResponse] = useState(text(group.firstResponseTargetMinutes));
  const [resolution, setResolution] = useState(text(group.resolutionTargetMinutes));
  const [tell, setTell] = useState(group.tellQueuePosition);
  const [every, setEvery] = useState(text(group.queuePositionEveryMinutes));
  const [max, setMax] = useState(String(group.queuePositionMaxMessages));
  const [messagePt, setMessagePt] = useState(group.queuePositionMessagePt ?? "");
  const [messageEn, setMessageEn] = useState(group.queuePositionMessageEn ?? "");
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setNotice(null);
    const result = await saveGroupSettings({
      groupId: group.id,
      firstResponseTargetMinutes: firstResponse,
      resolutionTargetMinutes: resolution,
      tellQueuePosition: tell,
      queuePositionEveryMinutes: every,
      queuePositionMaxMessages: max,
      queuePositionMessagePt: messagePt,
      queuePositionMessageEn: messageEn,
    });
    setPending(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      setFields(described.fields);
      return setNotice({ tone: "error", text: Object.keys(described.fields).length > 0 ? t("error.invalid_input") : described.message });
    }
    setFields({});
    setNotice({ tone: "success", text: t("sla.settings.saved") });
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
      <label className="flex items-start gap-3">
        <input type="checkbox" checked={tell} onChange={(e) => setTell(e.target.checked)} className="mt-1 h-4 w-4 accent-brand-600" aria-describedby="sla-tell-hint" />
        <span className="flex flex-col gap-0.5">
          <span className="text-sm font-medium text-slate-800">{t("sla.settings.tellPosition")}</span>
          <span id="sla-tell-hint" className="text-xs text-slate-500">
            {t("sla.settings.tellPositionHelp")}
          </span>
        </span>
      </label>
      {tell && (
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="sla-every" label={t("sla.settings.positionEvery")} hint={t("sla.settings.positionEveryHelp")} error={fields.queuePositionEveryMinutes}>
            {minutesInput("sla-every", "queuePositionEveryMinutes", every, setEvery)}
          </FormField>
          <FormField id="sla-max" label={t("sla.settings.positionMax")} hint={t("sla.settings.positionMaxHelp")} error={fields.queuePositionMaxMessages}>
            {minutesInput("sla-max", "queuePositionMaxMessages", max, setMax)}
          </FormField>
          <FormField id="sla-text-pt" label={t("sla.settings.positionTextPt")} hint={t("sla.settings.positionTextHelp")} error={fields.queuePositionMessagePt}>
            <textarea {...describedBy("sla-text-pt", fields.queuePositionMessagePt)} className={`${inputClass} min-h-20`} rows={3} value={messagePt} onChange={(e) => setMessagePt(e.target.value)} />
          </FormField>
          <FormField id="sla-text-en" label={t("sla.settings.positionTextEn")} hint={t("sla.settings.positionTextHelp")} error={fields.queuePositionMessageEn}>
            <textarea {...describedBy("sla-text-en", fields.queuePositionMessageEn)} className={`${inputClass} min-h-20`} rows={3} value={messageEn} onChange={(e) => setMessageEn(e.target.value)} />
          </FormField>
        </div>
      )}
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <div className="flex justify-end">
        <button type="submit" className={buttonClass()} disabled={pending}>
          {pending ? t("groups.settings.saving") : t("groups.settings.save")}
        </button>
      </div>
    </form>
  );
}
