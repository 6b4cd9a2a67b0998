"use client";

// A group's distribution settings: name, strategy (with its one-line explanation),
// online-only, the per-agent cap, the policies of docs/behaviour.md#policies (each with its one-line
// explanation) and the welcome message with its preview. The server
// validates; its message for each field shows under the field.
import { useState } from "react";
import { saveGroupSettings } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import type { AuditChanges, MemberView } from "@/lib/groups";
import { MAX_WELCOME_LENGTH, STRATEGIES } from "@/lib/groups/rules";
import { changedDraft, draftOf, type GroupSettings, type GroupSettingsInput, type SettingsDraft, type SettingsField } from "@/lib/groups/settings-fields";
import { buttonClass } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import { useRefreshGroup } from "./use-refresh-group";
import { WelcomePreview } from "./welcome-preview";
import { WhatIfPanel } from "./what-if-panel";

export type SaveOutcome = { changes: AuditChanges; assigned: number };

export function SettingsForm({
  group,
  members,
  queued,
  onSaved,
  notice,
}: {
  group: GroupSettings;
  /** Who could receive the queue, and their status now: named before a save that would hand it to people not online. */
  members: Pick<MemberView, "id" | "name" | "status">[];
  /** Conversations waiting in the queue now. */
  queued: number;
  /** The save's answer: the settings as saved (the form restarts from them) and what it did. */
  onSaved: (saved: GroupSettings, outcome: SaveOutcome) => void;
  /** What the last save did, shown by the button (the form restarts after a save). */
  notice: React.ReactNode;
}) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(group.id);
  // The form's state is the list of settings (lib/groups/settings-fields.ts), as the form holds them.
  const [draft, setDraft] = useState(() => draftOf(group));
  const set =
    <K extends SettingsField>(field: K) =>
    (value: SettingsDraft[K]) =>
      setDraft((current) => ({ ...current, [field]: value }));
  const { name, strategy, onlineOnly, maxOpenPerAgent: cap, welcomeMessage: welcome, allowTakeBeyondCap, stickyToLastAgent: sticky } = draft;
  const { reassignAwayAfterMinutes: away, reassignNoReplyAfterMinutes: noReply } = draft;
  const [pending, setPending] = useState(false);
  // Turning "Only online agents" off in an automatic group with a queue hands it out at once,
  // to people who are not online too: the manager confirms that, with their names, first.
  const [confirming, setConfirming] = useState(false);
  const notOnline = members.filter((m) => m.status !== "online");
  const handsQueueToOffline = group.onlineOnly && !onlineOnly && strategy !== "manual" && queued > 0 && notOnline.length > 0;
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = error?.fields ?? {};

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (handsQueueToOffline && !confirming) return setConfirming(true);
    setConfirming(false);
    setPending(true);
    // Only what the manager changed, against the version the form shows: a save never
    // writes back a value nobody chose (docs/behaviour.md#group-settings).
    const changed = changedDraft(draftOf(group), draft, "settings");
    const result = await saveGroupSettings({ groupId: group.id, version: group.version, ...changed } as GroupSettingsInput);
    setPending(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    onSaved(result.group, { changes: result.changes, assigned: result.assigned });
    await refresh();
  }

  return (
    <form onSubmit={submit} className={`${cardClass} flex flex-col gap-6`} noValidate aria-labelledby="settings-title" data-testid="settings-form">
      <h2 id="settings-title" className="text-base font-semibold">
        {t("groups.settings.title")}
      </h2>

      <FormField id="group-name" label={t("groups.settings.name")} error={fields.name}>
        <input {...describedBy("group-name", fields.name, false)} className={`${inputClass} md:max-w-sm`} value={name} onChange={(e) => set("name")(e.target.value)} />
      </FormField>

      <fieldset className="flex flex-col gap-2" aria-describedby={fields.strategy ? "strategy-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t("groups.settings.strategy")}</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {STRATEGIES.map((s) => (
            <label
              key={s}
              className={`flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 transition-colors ${strategy === s ? "bg-brand-50 ring-2 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"}`}
            >
              <input type="radio" name="strategy" value={s} checked={strategy === s} onChange={() => set("strategy")(s)} className="mt-0.5 h-4 w-4 accent-brand-600" />
              <span className="flex flex-col gap-0.5">
                <span className="text-sm font-semibold text-slate-900">{t(`groups.strategy.${s}`)}</span>
                <span className="text-xs leading-snug text-slate-600">{t(`groups.strategy.${s}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        {fields.strategy && (
          <p id="strategy-error" className="text-xs font-medium text-red-600">
            {fields.strategy}
          </p>
        )}
      </fieldset>

      <Switch id="online-only" label={t("groups.settings.onlineOnly")} hint={t("groups.settings.onlineOnly.hint")} on={onlineOnly} onChange={set("onlineOnly")} />

      <FormField id="group-cap" label={t("groups.settings.cap")} hint={t("groups.settings.cap.hint")} error={fields.maxOpenPerAgent}>
        <input
          {...describedBy("group-cap", fields.maxOpenPerAgent)}
          className={`${inputClass} max-w-40`}
          inputMode="numeric"
          placeholder={t("groups.settings.cap.placeholder")}
          value={cap}
          onChange={(e) => set("maxOpenPerAgent")(e.target.value)}
        />
      </FormField>

      <fieldset className="flex flex-col gap-4 border-t border-slate-100 pt-5" data-testid="policies">
        <legend className="float-left mb-1 text-sm font-semibold text-slate-900">{t("groups.settings.policies")}</legend>
        <p className="clear-left text-xs text-slate-500">{t("groups.settings.returned")}</p>
        <Switch
          id="allow-take-beyond-cap"
          label={t("groups.settings.allowTakeBeyondCap")}
          hint={t("groups.settings.allowTakeBeyondCap.hint")}
          on={allowTakeBeyondCap}
          onChange={set("allowTakeBeyondCap")}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="group-away" label={t("groups.settings.away")} hint={t("groups.settings.away.hint")} error={fields.reassignAwayAfterMinutes}>
            <input
              {...describedBy("group-away", fields.reassignAwayAfterMinutes)}
              className={`${inputClass} max-w-40`}
              inputMode="numeric"
              placeholder={t("groups.settings.minutes.placeholder")}
              value={away}
              onChange={(e) => set("reassignAwayAfterMinutes")(e.target.value)}
            />
          </FormField>
          <FormField id="group-no-reply" label={t("groups.settings.noReply")} hint={t("groups.settings.noReply.hint")} error={fields.reassignNoReplyAfterMinutes}>
            <input
              {...describedBy("group-no-reply", fields.reassignNoReplyAfterMinutes)}
              className={`${inputClass} max-w-40`}
              inputMode="numeric"
              placeholder={t("groups.settings.minutes.placeholder")}
              value={noReply}
              onChange={(e) => set("reassignNoReplyAfterMinutes")(e.target.value)}
            />
          </FormField>
        </div>
        <Switch id="sticky" label={t("groups.settings.sticky")} hint={t("groups.settings.sticky.hint")} on={sticky} onChange={set("stickyToLastAgent")} />
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="group-welcome"
          label={t("groups.settings.welcome")}
          hint={t("groups.settings.welcome.hint")}
          error={fields.welcomeMessage}
          aside={
            <span className={`text-xs tabular-nums ${welcome.trim().length > MAX_WELCOME_LENGTH ? "text-red-600" : "text-slate-500"}`}>
              {t("groups.settings.welcome.count", { count: welcome.trim().length, max: MAX_WELCOME_LENGTH })}
            </span>
          }
        >
          <textarea {...describedBy("group-welcome", fields.welcomeMessage)} className={`${inputClass} min-h-28`} rows={4} value={welcome} onChange={(e) => set("welcomeMessage")(e.target.value)} />
        </FormField>
        <WelcomePreview text={welcome} />
      </div>

      {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
      {error && Object.keys(error.fields).length > 0 && <Notice tone="error">{t("error.invalid_input")}</Notice>}
      {!error && notice}
      {confirming && handsQueueToOffline && (
        <div role="alertdialog" aria-labelledby="offline-confirm-text" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="offline-confirm">
          <p id="offline-confirm-text">
            {t("groups.settings.offlineConfirm", {
              count: queued,
              names: notOnline.map((m) => t("groups.settings.offlineConfirm.member", { name: m.name, status: t(`status.${m.status}`).toLowerCase() })).join(", "),
            })}
          </p>
          <div className="mt-2 flex flex-wrap justify-end gap-2">
            <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(false)}>
              {t("groups.settings.offlineConfirm.cancel")}
            </button>
            <button type="submit" className={buttonClass()} autoFocus data-testid="offline-confirm-save">
              {t("groups.settings.offlineConfirm.save")}
            </button>
          </div>
        </div>
      )}
      <div className="flex justify-end">
        <button type="submit" className={buttonClass()} disabled={pending || confirming}>
          {pending ? t("groups.settings.saving") : t("groups.settings.save")}
        </button>
      </div>
      <WhatIfPanel
        groupId={group.id}
        draft={() => ({
          strategy,
          onlineOnly,
          maxOpenPerAgent: cap,
          allowTakeBeyondCap,
          reassignAwayAfterMinutes: away,
          reassignNoReplyAfterMinutes: noReply,
          stickyToLastAgent: sticky,
        })}
      />
    </form>
  );
}

/** A labelled on/off switch with its one-line explanation. */
export function Switch({ id, label, hint, on, onChange }: { id: string; label: string; hint: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="flex flex-col gap-0.5">
        <span id={`${id}-label`} className="text-sm font-medium text-slate-800">
          {label}
        </span>
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        onClick={() => onChange(!on)}
        className={`relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors ${on ? "bg-brand-600" : "bg-slate-300"}`}
      >
        <span className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${on ? "translate-x-5.5" : "translate-x-0.5"}`} />
      </button>
    </div>
  );
}
