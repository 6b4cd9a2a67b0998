"use client";

// An endpoint's delivery log in Omnichannel › Integrations: newest first, a page at a time
// ("Load more"), each delivery's outcome, and Replay (its event again, as a new delivery).
import { useState } from "react";
import { listDeliveriesAction, replayDeliveryAction } from "@/app/actions/webhooks";
import { describeActionError } from "@/components/ui/action-error";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import type { DeliveryView } from "@/lib/webhooks/delivery-log";

const STATE_TONE: Record<DeliveryView["state"], BadgeTone> = { pending: "amber", delivered: "sky", failed: "neutral" };

export type DeliveryPage = { items: DeliveryView[]; nextCursor: string | null };

/** The first page, loaded by whoever opens the log (loadDeliveryPage). */
export async function loadDeliveryPage(webhookId: number, cursor?: string) {
  return listDeliveriesAction({ webhookId, cursor });
}

export function DeliveryLog({ webhookId, first }: { webhookId: number; first: DeliveryPage }) {
  const { t, locale } = useI18n();
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));
  const [items, setItems] = useState<DeliveryView[]>(first.items);
  const [nextCursor, setNextCursor] = useState<string | null>(first.nextCursor);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [loading, setLoading] = useState(false);

  async function load(cursor?: string) {
    setLoading(true);
    const result = await loadDeliveryPage(webhookId, cursor);
    setLoading(false);
    if (!result.ok) return setNotice({ tone: "error", text: describeActionError(result.error, t).message });
    setItems((shown) => (cursor ? [...shown, ...result.items] : result.items));
    setNextCursor(result.nextCursor);
  }

  async function replay(deliveryId: string) {
    const result = await replayDeliveryAction({ webhookId, deliveryId });
    setNotice(result.ok ? { tone: "success", text: t("webhooks.replayed") } : { tone: "error", text: describeActionError(result.error, t).message });
    if (result.ok) await load();
  }

  return (
    <div className="flex flex-col gap-2">
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("webhooks.noDeliveries")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="delivery-log">
          {items.map((delivery) => (
            <li key={delivery.id} className="flex flex-col gap-1 py-2" data-testid="delivery-row">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={STATE_TONE[delivery.state]}>{t(`webhooks.state.${delivery.state}`)}</Badge>
                <code className="text-xs">{delivery.event}</code>
                <time className="text-xs text-slate-500" dateTime={delivery.createdAt}>
                  {when(delivery.createdAt)}
                </time>
                {delivery.replayOf && (
                  <Badge tone="violet" testId="replay-badge">
                    {t("webhooks.replayBadge")}
                  </Badge>
                )}
                <span className="text-xs text-slate-500">{t("webhooks.attempts", { count: delivery.attempts })}</span>
                {delivery.lastStatus !== null && <span className="text-xs text-slate-500">HTTP {delivery.lastStatus}</span>}
                <Button kind="ghost" size="sm" className="ml-auto" onClick={() => replay(delivery.deliveryId)} data-testid="replay">
                  {t("webhooks.replay")}
                </Button>
              </div>
              {(delivery.lastError || delivery.lastResponse) && (
                <p className="break-all text-xs text-slate-500">
                  {t("webhooks.lastResponse")}: {delivery.lastError ?? delivery.lastResponse}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <Button kind="secondary" size="sm" className="self-start" disabled={loading} onClick={() => load(nextCursor)} data-testid="load-more">
          {t("webhooks.loadMore")}
        </Button>
      )}
    </div>
  );
}
