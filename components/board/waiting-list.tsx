"use client";

// The board's short list of a group's longest-waiting conversations: who, for how long,
// why nobody has them yet; each opens in the inbox.
import Link from "next/link";
import { useI18n } from "@/components/i18n-provider";
import { elapsed } from "@/components/ui/duration";
import type { BoardGroup } from "@/lib/board";

export function WaitingList({ group, now }: { group: BoardGroup; now: number | null }) {
  const { t } = useI18n();
  const more = group.queueLength - group.waiting.length;
  const titleId = `waiting-${group.id}`;
  return (
    <div className="border-b border-slate-200 bg-amber-50/40 px-4 py-2.5 md:px-5" data-testid="board-waiting-list">
      <h3 id={titleId} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t("board.waitingList.title")}
      </h3>
      <ul className="mt-1 flex flex-col divide-y divide-amber-100" aria-labelledby={titleId}>
        {group.waiting.map((w) => (
          <li key={w.conversationId} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-1.5 text-sm" data-testid="board-waiting" data-conversation-id={w.conversationId}>
            <Link href={`/inbox?c=${w.conversationId}`} className="min-w-0 truncate font-medium text-brand-700 hover:underline">
              {w.contactName ?? w.contactNumber ?? t("board.waitingList.unknownContact")}
            </Link>
            <span className="text-xs text-slate-600 tabular-nums">{t("board.waitingList.waited", { time: elapsed(w.queuedAt, now, t) })}</span>
            {w.reason && <span className="text-xs text-amber-800">{t(`inbox.waitingReason.${w.reason}`)}</span>}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="mt-1 text-xs text-slate-500">{t("board.waitingList.more", { count: more })}</p>}
    </div>
  );
}
