"use client";

// Omnichannel › Integrations: register outgoing webhooks (URL, secret, events), and each
// endpoint's card (webhook-row.tsx): edit, pause, rotate the secret, test, delivery log.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookAction } from "@/app/actions/webhooks";
import { describeActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";
import { EventChoices } from "./event-choices";
import { WebhookRow, type Endpoint } from "./webhook-row";

// Private notes are the team's: an endpoint receives them only when its manager ticks note.created.
const DEFAULT_EVENTS: string[] = WEBHOOK_EVENTS.filter((name) => name !== "note.created");

export function WebhooksView({ endpoints }: { endpoints: Endpoint[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [values, setValues] = useState({ url: "", secret: "", events: DEFAULT_EVENTS });
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await createWebhookAction(values as never);
    setPending(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    setValues({ url: "", secret: "", events: DEFAULT_EVENTS });
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={create} className={`${cardClass} flex flex-col gap-4`} noValidate aria-labelledby="new-webhook-title" data-testid="webhook-form">
        <h2 id="new-webhook-title" className="font-semibold">
          {t("webhooks.new")}
        </h2>
        <FormField id="webhook-url" label={t("webhooks.url")} error={error?.fields.url}>
          <input {...describedBy("webhook-url", error?.fields.url, false)} className={inputClass} type="url" value={values.url} onChange={(e) => setValues((v) => ({ ...v, url: e.target.value }))} placeholder="https://example.com/fila" />
        </FormField>
        <FormField id="webhook-secret" label={t("webhooks.secret")} hint={t("webhooks.secret.hint")} error={error?.fields.secret}>
          <input {...describedBy("webhook-secret", error?.fields.secret)} className={inputClass} autoComplete="off" value={values.secret} onChange={(e) => setValues((v) => ({ ...v, secret: e.target.value }))} />
        </FormField>
        <EventChoices chosen={values.events} onChange={(events) => setValues((v) => ({ ...v, events }))} error={error?.fields.events} />
        {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
        <Button className="self-start" type="submit" disabled={pending}>
          {t("webhooks.create")}
        </Button>
      </form>
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-500">{t("webhooks.none")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="webhook-list">
          {endpoints.map((endpoint) => (
            <WebhookRow key={endpoint.id} endpoint={endpoint} />
          ))}
        </ul>
      )}
    </div>
  );
}
