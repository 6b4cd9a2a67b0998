"use client";

// A number's entry menu (docs/behaviour.md#entry-menu): off, or a question whose options each send the
// contact to a group, with the default group and the timeout; the preview beside it
// shows what WhatsApp will display. The draft is checked with the server's own schema
// as it is typed, so a label too long for a button says so before saving.
import { Plus, X } from "lucide-react";
import { useState } from "react";
import { setChannelMenuAction } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass, NamedOptions, Notice } from "@/components/ui/field";
import type { ChannelView } from "@/lib/groups";
import type { MessageKey } from "@/lib/i18n/messages";
import { DEFAULT_MENU_TIMEOUT_MINUTES, entryMenuSchema, MENU_LANGUAGES, MENU_LIMITS, MENU_WORDING } from "@/lib/routing/entry-menu";
import { PRIORITIES } from "@/lib/service-levels/sla-state";
import type { EntryMenu, MenuLanguage } from "@/db/schema";
import { MenuPreview } from "./menu-preview";
import { useGroupAction } from "./use-group-action";

type GroupOption = { id: number; name: string };

export function EntryMenuEditor({ channel, groups, onDone }: { channel: ChannelView; groups: GroupOption[]; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { busy, error, run } = useGroupAction(channel.groupId);
  const saved = channel.menu;
  const [enabled, setEnabled] = useState(saved !== null);
  // The menu speaks the contacts' language, which need not be the manager's.
  const [language, setLanguage] = useState<MenuLanguage>(saved?.language ?? (locale === "en" ? "en" : "pt-BR"));
  const [question, setQuestion] = useState(saved?.question ?? MENU_WORDING[language].defaultQuestion);
  const [options, setOptions] = useState<EntryMenu["options"]>(saved?.options ?? groups.slice(0, 3).map((g) => ({ label: g.name.slice(0, MENU_LIMITS.buttonTitle), groupId: g.id })));
  const [defaultGroupId, setDefaultGroupId] = useState(saved?.defaultGroupId ?? channel.groupId);
  const [timeout, setTimeoutText] = useState(String(saved?.timeoutMinutes ?? DEFAULT_MENU_TIMEOUT_MINUTES));
  const [textOnly, setTextOnly] = useState(saved?.textOnly ?? false);
  const [notice, setNotice] = useState<string | null>(null);

  const draft = { question, options, defaultGroupId, timeoutMinutes: Number(timeout), textOnly, language };
  const chooseLanguage = (next: MenuLanguage) => {
    // The default question, untouched, follows the language.
    if (question === MENU_WORDING[language].defaultQuestion) setQuestion(MENU_WORDING[next].defaultQuestion);
    setLanguage(next);
  };
  const parsed = entryMenuSchema.safeParse(draft);
  const issue = (path: string) => {
    const found = parsed.success ? undefined : parsed.error.issues.find((i) => i.path.join(".") === path);
    return found ? t(found.message as MessageKey) : undefined;
  };
  const listIssue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path.join(".") === "options");
  const kind = textOnly ? "text" : options.length <= MENU_LIMITS.maxButtons ? "button" : "list";
  const max = kind === "button" ? MENU_LIMITS.buttonTitle : MENU_LIMITS.rowTitle;
  const setOption = (index: number, change: Partial<(typeof options)[number]>) => setOptions((all) => all.map((o, i) => (i === index ? { ...o, ...change } : o)));
  const id = (name: string) => `menu-${channel.id}-${name}`;

  function save() {
    setNotice(null);
    void run(
      () => setChannelMenuAction({ channelId: channel.id, menu: enabled ? draft : null }),
      () => setNotice(t(enabled ? "routing.menu.saved" : "routing.menu.turnedOff")),
    );
  }

  return (
    <section className="flex flex-col gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" aria-labelledby={id("title")} data-testid="menu-editor">
      <div className="flex items-center justify-between gap-2">
        <h3 id={id("title")} className="text-sm font-semibold">
          {t("routing.menu.title")}
        </h3>
        <Button kind="secondary" size="sm" onClick={onDone} aria-label={t("routing.menu.hide")}>
          <X className="h-4 w-4" aria-hidden="true" />
        </Button>
      </div>
      <p className="text-xs text-slate-600">{t("routing.menu.intro")}</p>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="menu-enabled" />
        {t("routing.menu.enabled")}
      </label>
      {enabled && (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <div className="flex flex-col gap-3">
            <FormField id={id("question")} label={t("routing.menu.question")} error={issue("question")}>
              <textarea className={inputClass} rows={2} value={question} onChange={(e) => setQuestion(e.target.value)} {...describedBy(id("question"), issue("question"), false)} />
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 flex w-full items-baseline justify-between gap-2 text-sm font-medium text-slate-800">
                {t("routing.menu.options")}
                <span className="text-xs font-normal text-slate-500" data-testid="menu-kind">
                  {kind === "text" ? t("routing.menu.kind.text") : t("routing.menu.limit", { kind: t(`routing.menu.kind.${kind}`), max })}
                </span>
              </legend>
              {options.map((option, index) => {
                const labelError = issue(`options.${index}.label`);
                return (
                  <div key={index} className="flex flex-col gap-1" data-testid="menu-option">
                    <div className="flex items-center gap-2">
                      <span className="w-5 text-right text-xs text-slate-500">{index + 1}.</span>
                      <input
                        className={`${inputClass} min-w-0 flex-1`}
                        value={option.label}
                        aria-label={t("routing.menu.optionLabel", { n: index + 1 })}
                        aria-invalid={labelError ? true : undefined}
                        onChange={(e) => setOption(index, { label: e.target.value })}
                      />
                      <span className={`w-12 text-xs tabular-nums ${kind !== "text" && option.label.trim().length > max ? "text-red-600" : "text-slate-500"}`}>
                        {kind === "text" ? "" : `${option.label.trim().length}/${max}`}
                      </span>
                    </div>
                    {/* Where the option sends the contact, and how urgent that makes it. */}
                    <div className="flex items-center gap-2 pl-7">
                      <div className="min-w-0 flex-1">
                        <select
                          className={inputClass}
                          value={option.groupId}
                          aria-label={t("routing.menu.optionGroup", { n: index + 1 })}
                          onChange={(e) => setOption(index, { groupId: Number(e.target.value) })}
                        >
                          <NamedOptions items={groups} />
                        </select>
                      </div>
                      <div className="w-28 shrink-0">
                      <select
                        className={inputClass}
                        value={option.priority ?? "normal"}
                        aria-label={t("routing.menu.optionPriority", { n: index + 1 })}
                        onChange={(e) => {
                          const priority = e.target.value as (typeof PRIORITIES)[number];
                          setOption(index, { priority: priority === "normal" ? undefined : priority });
                        }}
                      >
                        {PRIORITIES.map((p) => (
                          <option key={p} value={p}>
                            {t(`sla.priority.${p}`)}
                          </option>
                        ))}
                      </select>
                      </div>
                      <Button
                        kind="secondary"
                        size="sm"
                        disabled={options.length <= MENU_LIMITS.minOptions}
                        onClick={() => setOptions((all) => all.filter((_, i) => i !== index))}
                        aria-label={t("routing.menu.removeOption", { n: index + 1 })}
                      >
                        <X className="h-4 w-4" aria-hidden="true" />
                      </Button>
                    </div>
                    {labelError && <p className="pl-7 text-xs font-medium text-red-600">{labelError}</p>}
                  </div>
                );
              })}
              {listIssue && <p className="text-xs font-medium text-red-600">{t(listIssue.message as MessageKey)}</p>}
              <Button
                kind="secondary"
                size="sm"
                className="self-start"
                disabled={options.length >= MENU_LIMITS.maxOptions}
                onClick={() => setOptions((all) => [...all, { label: "", groupId: channel.groupId }])}
              >
                <Plus className="h-4 w-4" aria-hidden="true" />
                {t("routing.menu.addOption")}
              </Button>
            </fieldset>
            <FormField id={id("language")} label={t("routing.menu.language")} hint={t("routing.menu.languageHint")}>
              <select className={inputClass} value={language} onChange={(e) => chooseLanguage(e.target.value as MenuLanguage)} {...describedBy(id("language"), undefined)}>
                {MENU_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`routing.menu.language.${l}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField id={id("default")} label={t("routing.menu.default")} hint={t("routing.menu.defaultHint")}>
                <select className={inputClass} value={defaultGroupId} onChange={(e) => setDefaultGroupId(Number(e.target.value))} {...describedBy(id("default"), undefined)}>
                  <NamedOptions items={groups} />
                </select>
              </FormField>
              <FormField id={id("timeout")} label={t("routing.menu.timeout")} error={issue("timeoutMinutes")}>
                <input className={inputClass} inputMode="numeric" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} {...describedBy(id("timeout"), issue("timeoutMinutes"), false)} />
              </FormField>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={textOnly} onChange={(e) => setTextOnly(e.target.checked)} />
              {t("routing.menu.textOnly")}
            </label>
          </div>
          <MenuPreview menu={{ question, options, textOnly }} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" disabled={busy || (enabled && !parsed.success)} onClick={save} data-testid="menu-save">
          {t("routing.menu.save")}
        </Button>
        {notice && !error && <Notice tone="success">{notice}</Notice>}
        {error && <Notice tone="error">{error}</Notice>}
      </div>
    </section>
  );
}
