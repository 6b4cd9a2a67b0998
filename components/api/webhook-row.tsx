"use client";

// One webhook endpoint in Omnichannel › Integrations: its URL, events and outcome counts;
// edit (URL, events), pause or resume, rotate the secret (the new one shown here once),
// send a test event, open the delivery log, delete.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteWebhookAction, rotateWebhookSecretAction, sendTestEventAction, updateWebhookAction } from "@/app/actions/webhooks";
import { describeActionError } from "@/components/ui/action-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, SecretNotice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import type { WebhookEndpointView } from "@/lib/webhooks/endpoints";
import { DeliveryLog, loadDeliveryPage, type DeliveryPage } from "./delivery-log";
import { EventChoices } from "./event-choices";

export type Endpoint = Pick<WebhookEndpointView, "id" | "url" | "events" | "pending" | "failed" | "paused" | "previousSecretUntil">;

export function WebhookRow({ endpoint }: { endpoint: Endpoint }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [editing, setEditing] = useState<{ url: string; events: string[] } | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<(DeliveryPage & { loadedAt: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  async function run<R>(action: () => Promise<{ ok: true } & R | { ok: false; error: Parameters<typeof describeActionError>[0] }>, then: (result: R) => void) {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (!result.ok) return setNotice({ tone: "error", text: describeActionError(result.error, t).message });
    then(result as R);
    router.refresh();
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!editing) return;
    setBusy(true);
    const result = await updateWebhookAction({ webhookId: endpoint.id, ...editing } as never);
    setBusy(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    setEditing(null);
    setNotice({ tone: "success", text: t("webhooks.saved") });
    router.refresh();
  }

  return (
    <li className={`${cardClass} flex flex-col gap-2`} data-testid="webhook-row" data-paused={endpoint.paused}>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all text-sm font-medium">{endpoint.url}</code>
        {endpoint.paused && (
          <Badge tone="neutral" testId="paused-badge">
            {t("webhooks.paused")}
          </Badge>
        )}
        {endpoint.pending > 0 && <Badge tone="amber">{t("webhooks.pending", { count: endpoint.pending })}</Badge>}
        {endpoint.failed > 0 && <Badge tone="violet">{t("webhooks.failedCount", { count: endpoint.failed })}</Badge>}
      </div>
      <p className="text-xs text-slate-500">{endpoint.events.join(", ")}</p>
      {endpoint.paused && <p className="text-xs text-slate-500">{t("webhooks.paused.hint")}</p>}
      {endpoint.previousSecretUntil && <p className="text-xs text-slate-500">{t("webhooks.overlap", { until: when(endpoint.previousSecretUntil) })}</p>}
      {secret && (
        <SecretNotice label={t("webhooks.rotated")} secret={secret} testId="new-secret">
          <Button kind="link" size="sm" className="mt-1" onClick={() => setSecret(null)}>
            {t("webhooks.rotated.done")}
          </Button>
        </SecretNotice>
      )}
      {editing && (
        <form onSubmit={save} className="flex flex-col gap-3 border-t border-slate-100 pt-3" noValidate data-testid="webhook-edit">
          <FormField id={`webhook-url-${endpoint.id}`} label={t("webhooks.url")} error={error?.fields.url}>
            <input {...describedBy(`webhook-url-${endpoint.id}`, error?.fields.url, false)} className={inputClass} type="url" value={editing.url} onChange={(e) => setEditing({ ...editing, url: e.target.value })} />
          </FormField>
          <EventChoices chosen={editing.events} onChange={(events) => setEditing({ ...editing, events })} error={error?.fields.events} />
          {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
          <div className="flex gap-2">
            <Button size="sm" type="submit" disabled={busy}>
              {t("common.save")}
            </Button>
            <Button kind="secondary" size="sm" onClick={() => (setEditing(null), setError(null))}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      )}
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <div className="flex flex-wrap gap-2">
        <Button kind="secondary" size="sm" onClick={() => setEditing(editing ? null : { url: endpoint.url, events: endpoint.events })} data-testid="edit-webhook">
          {t("webhooks.edit")}
        </Button>
        <Button
          kind="secondary"
          size="sm"
          disabled={busy}
          data-testid="pause-webhook"
          onClick={() => run(() => updateWebhookAction({ webhookId: endpoint.id, paused: !endpoint.paused }), () => setNotice({ tone: "success", text: t(endpoint.paused ? "webhooks.resumed" : "webhooks.pausedNotice") }))}
        >
          {t(endpoint.paused ? "webhooks.resume" : "webhooks.pause")}
        </Button>
        <Button kind="secondary" size="sm" disabled={busy} data-testid="rotate-secret" onClick={() => run(() => rotateWebhookSecretAction({ webhookId: endpoint.id }), (result: { secret: string }) => (setNotice(null), setSecret(result.secret)))}>
          {t("webhooks.rotate")}
        </Button>
        <Button kind="secondary" size="sm" onClick={() => run(() => sendTestEventAction({ webhookId: endpoint.id }), () => setNotice({ tone: "success", text: t("webhooks.test.sent") }))}>
          {t("webhooks.test")}
        </Button>
        <Button
          kind="secondary"
          size="sm"
          data-testid="open-log"
          aria-expanded={log !== null}
          onClick={async () => {
            // Opens the log, or shows its latest page again.
            const page = await loadDeliveryPage(endpoint.id);
            if (page.ok) setLog({ items: page.items, nextCursor: page.nextCursor, loadedAt: Date.now() });
            else setNotice({ tone: "error", text: describeActionError(page.error, t).message });
          }}
        >
          {t("webhooks.deliveries")}
        </Button>
        <Button kind="danger" size="sm" onClick={() => run(() => deleteWebhookAction({ webhookId: endpoint.id }), () => undefined)}>
          {t("webhooks.delete")}
        </Button>
      </div>
      {log && <DeliveryLog key={log.loadedAt} webhookId={endpoint.id} first={log} />}
    </li>
  );
}
