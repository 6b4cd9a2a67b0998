"use client";

// Omnichannel › Channel Groups: every group with its strategy, members online / total,
// queue and oldest wait, kept live by the realtime signals.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { elapsed } from "@/components/board/format-duration";
import { useNow } from "@/components/board/use-now";
import { useI18n } from "@/components/i18n-provider";
import type { GroupSummary } from "@/lib/groups";
import { fetchJson, managerKeys, managerUrls } from "./manager-queries";
import { StrategyBadge } from "./strategy-badge";

export function GroupsList({ initial }: { initial: GroupSummary[] }) {
  const { t } = useI18n();
  const now = useNow();
  const { data: groups = initial } = useQuery({
    queryKey: managerKeys.groupList,
    queryFn: () => fetchJson<GroupSummary[]>(managerUrls.groupList),
    initialData: initial,
  });

  if (groups.length === 0) return <p className="rounded-xl bg-white p-6 text-sm text-slate-500 ring-1 ring-slate-200">{t("groups.empty")}</p>;

  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <div className="hidden grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_repeat(3,minmax(0,1fr))] gap-4 border-b border-slate-200 bg-slate-50 px-5 py-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid">
        <span>{t("groups.col.name")}</span>
        <span>{t("groups.col.strategy")}</span>
        <span>{t("groups.col.online")}</span>
        <span>{t("groups.col.queue")}</span>
        <span>{t("groups.col.oldestWait")}</span>
      </div>
      <ul className="divide-y divide-slate-100">
        {groups.map((group) => (
          <li
            key={group.id}
            className="relative grid grid-cols-3 items-center gap-x-3 gap-y-2 px-4 py-3.5 hover:bg-slate-50 md:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_repeat(3,minmax(0,1fr))] md:gap-x-4 md:px-5"
            data-testid="group-row"
            data-group-name={group.name}
          >
            <Link
              href={`/omnichannel/channel-groups/${group.id}`}
              className="col-span-2 truncate font-semibold text-slate-900 after:absolute after:inset-0 md:col-span-1"
              aria-label={t("groups.open", { name: group.name })}
            >
              {group.name}
            </Link>
            <span className="flex flex-wrap items-center gap-1.5 justify-self-end md:justify-self-start">
              <StrategyBadge strategy={group.strategy} />
              {group.channelsNeedingToken > 0 && (
                <span
                  className="inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200"
                  data-testid="group-needs-token"
                  role="status"
                >
                  {t("whatsapp.groups.needsToken", { count: group.channelsNeedingToken })}
                </span>
              )}
            </span>
            <Figure label={t("groups.col.onlineShort")} testId="group-online">
              <span className={`mr-1.5 inline-block h-2 w-2 rounded-full ${group.membersOnline > 0 ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden="true" />
              {group.membersOnline} / {group.membersTotal}
            </Figure>
            <Figure label={t("groups.col.queue")} testId="group-queue">
              <span className={group.queueLength > 0 ? "font-semibold text-amber-700" : ""}>{group.queueLength}</span>
            </Figure>
            <Figure label={t("groups.col.oldestWait")} testId="group-oldest-wait">
              {group.oldestQueuedAt ? elapsed(group.oldestQueuedAt, now, t) : t("groups.noWait")}
            </Figure>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A figure with its label above it on phones, under the column header on wider screens. */
function Figure({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <span className="flex flex-col text-sm text-slate-700 tabular-nums" data-testid={testId}>
      <span className="truncate text-xs text-slate-500 md:hidden">{label}</span>
      <span className="whitespace-nowrap">{children}</span>
    </span>
  );
}
