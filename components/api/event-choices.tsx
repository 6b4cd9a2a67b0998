"use client";

// The events a webhook endpoint subscribes to: one checkbox each (the new-webhook form and the edit form).
import { useI18n } from "@/components/i18n-provider";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";

export function EventChoices({ chosen, onChange, error }: { chosen: string[]; onChange: (events: string[]) => void; error?: string }) {
  const { t } = useI18n();
  const toggle = (name: string) => onChange(chosen.includes(name) ? chosen.filter((e) => e !== name) : [...chosen, name]);
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">{t("webhooks.events")}</legend>
      {WEBHOOK_EVENTS.map((name) => (
        <label key={name} className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={chosen.includes(name)} onChange={() => toggle(name)} />
          <code>{name}</code>
        </label>
      ))}
      {error && <p className="text-sm text-red-700">{t(error as never)}</p>}
    </fieldset>
  );
}
