"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";

/** What a conversation (or the whole inbox) shows when it could not be displayed. */
export function PaneError({ onRetry, backHref = "/inbox" }: { onRetry: () => void; backHref?: string }) {
  const { t } = useI18n();
  return (
    <div role="alert" data-testid="pane-error" className="m-auto flex max-w-sm flex-col items-center gap-3 p-6 text-center">
      <p className="font-medium text-slate-800">{t("error.boundary.title")}</p>
      <p className="text-sm text-slate-500">{t("error.boundary.body")}</p>
      <div className="flex gap-2">
        <Button kind="secondary" onClick={onRetry}>
          {t("error.boundary.retry")}
        </Button>
        <Link href={backHref} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("error.boundary.back")}
        </Link>
      </div>
    </div>
  );
}
