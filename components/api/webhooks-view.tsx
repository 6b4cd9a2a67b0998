"use client";

// Omnichannel › Integrations: register outgoing webhooks (URL, secret, events), see each
// endpoint's pending and given-up deliveries, open its delivery log, send a test event.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWebhookAction, deleteWebhookAction, listDeliveriesAction, sendTestEventAction } from "@/app/actions/webhooks";
import { describeActionError } from "@/components/ui/action-error";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import type { DeliveryView, WebhookEndpointView } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";

type Endpoint = Pick<WebhookEndpointView, "id" | "url" | "events" | "pending" | "failed">;
// Private notes are the team's: an endpoint receives them only when its manager ticks note.created.
const DEFAULT_EVENTS: string[] = WEBHOOK_EVENTS.filter((name) => name !== "note.created");
const STATE_TONE: Record<DeliveryView["state"], BadgeTone> = { pending: "amber", delivered: "sky", failed: "neutral" };

export function WebhooksView({ endpoints }: { endpoints: Endpoint[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [values, setValues] = useState({ url: "", secret: "", events: DEFAULT_EVENTS });
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [log, setLog] = useState<{ webhookId: number; deliveries: Awaited<ReturnType<typeof loadLog>> } | null>(null);

  async function loadLog(webhookId: number) {
    const result = await listDeliveriesAction({ webhookId });
    return result.ok ? result.deliveries : [];
  }

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

  const toggle = (name: string) =>
    setValues((v) => ({ ...v, events: v.events.includes(name) ? v.events.filter((e) => e !== name) : [...v.events, name] }));

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
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">{t("webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={values.events.includes(name)} onChange={() => toggle(name)} />
              <code>{name}</code>
            </label>
          ))}
          {error?.fields.events && <p className="text-sm text-red-700">{t(error.fields.events as never)}</p>}
        </fieldset>
        {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
        <Button className="self-start" type="submit" disabled={pending}>
          {t("webhooks.create")}
        </Button>
      </form>
      {notice && <Notice tone="success">{notice}</Notice>}
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-500">{t("webhooks.none")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="webhook-list">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className={`${cardClass} flex flex-col gap-2`} data-testid="webhook-row">
              <div className="flex flex-wrap items-center gap-2">
                <code className="min-w-0 break-all text-sm font-medium">{endpoint.url}</code>
                {endpoint.pending > 0 && <Badge tone="amber">{t("webhooks.pending", { count: endpoint.pending })}</Badge>}
                {endpoint.failed > 0 && <Badge tone="violet">{t("webhooks.failedCount", { count: endpoint.failed })}</Badge>}
              </div>
              <p className="text-xs text-slate-500">{endpoint.events.join(", ")}</p>
              <div className="flex flex-wrap gap-2">
                <Button
                  kind="secondary"
                  size="sm"
                  onClick={async () => {
                    const result = await sendTestEventAction({ webhookId: endpoint.id });
                    setNotice(result.ok ? t("webhooks.test.sent") : describeActionError(result.error, t).message);
                  }}
                >
                  {t("webhooks.test")}
                </Button>
                <Button kind="secondary" size="sm" onClick={async () => setLog({ webhookId: endpoint.id, deliveries: await loadLog(endpoint.id) })} data-testid="open-log">
                  {t("webhooks.deliveries")}
                </Button>
                <Button
                  kind="danger"
                  size="sm"
                  onClick={async () => {
                    await deleteWebhookAction({ webhookId: endpoint.id });
                    router.refresh();
                  }}
                >
                  {t("webhooks.delete")}
                </Button>
              </div>
              {log?.webhookId === endpoint.id &&
                (log.deliveries.length === 0 ? (
                  <p className="text-sm text-slate-500">{t("webhooks.noDeliveries")}</p>
                ) : (
                  <ul className="divide-y divide-slate-100 text-sm" data-testid="delivery-log">
                    {log.deliveries.map((delivery) => (
                      <li key={delivery.id} className="flex flex-col gap-1 py-2">
                        <div className="flex flex-wrap items-center gap-2">
                          <Badge tone={STATE_TONE[delivery.state]}>{t(`webhooks.state.${delivery.state}`)}</Badge>
                          <code className="text-xs">{delivery.event}</code>
                          <span className="text-xs text-slate-500">{t("webhooks.attempts", { count: delivery.attempts })}</span>
                          {delivery.lastStatus !== null && <span className="text-xs text-slate-500">HTTP {delivery.lastStatus}</span>}
                        </div>
                        {(delivery.lastError || delivery.lastResponse) && (
                          <p className="break-all text-xs text-slate-500">
                            {t("webhooks.lastResponse")}: {delivery.lastError ?? delivery.lastResponse}
                          </p>
                        )}
                      </li>
                    ))}
                  </ul>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
