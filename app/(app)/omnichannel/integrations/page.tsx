import { getDb } from "@/db/client";
import { WebhooksView } from "@/components/api/webhooks-view";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";

export default async function IntegrationsPage() {
  const t = translator(await requestLocale());
  const user = await currentUser();
  // The layout refuses non-managers; Next renders this page alongside it, so it must not query for them.
  if (!user || !isManager(user)) return null;
  const endpoints = await listWebhookEndpoints(getDb(), user);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-5 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("webhooks.title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("webhooks.subtitle")}</p>
      </header>
      <WebhooksView endpoints={endpoints.map(({ id, url, events, pending, failed, paused, previousSecretUntil }) => ({ id, url, events, pending, failed, paused, previousSecretUntil }))} />
    </div>
  );
}
