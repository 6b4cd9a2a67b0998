"use client";

// Offline with work waiting (issue 31): a line under the header on every page, saying
// plainly that conversations wait for this person and that Offline keeps them from
// receiving any, with the one click that changes it. Agents count their own unread
// conversations and their groups' queue; managers, whose queue count spans every group,
// only their own.
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { useUnreadCounts } from "@/components/inbox/inbox-queries";
import type { PresenceStatus } from "@/lib/inbox/types";
import { useChooseStatus, useMyStatus } from "./status-switch";

export function OfflineNotice({ userId, initial, isManager }: { userId: number; initial: PresenceStatus; isManager: boolean }) {
  const { t } = useI18n();
  const status = useMyStatus(userId, initial);
  const unread = useUnreadCounts();
  const { choose, error } = useChooseStatus(userId);
  const mine = unread.data?.mine ?? 0;
  const queue = isManager ? 0 : (unread.data?.queue ?? 0);
  if (status !== "offline" || mine + queue === 0) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 md:px-5" data-testid="offline-notice">
      <p className="min-w-0 flex-1">{t("status.offlineWithWork", { count: mine + queue })}</p>
      <Button kind="secondary" size="sm" onClick={() => void choose("online")} data-testid="offline-notice-online">
        {t("status.goOnline")}
      </Button>
      {error && <span role="alert" className="w-full text-red-700">{error}</span>}
    </div>
  );
}
