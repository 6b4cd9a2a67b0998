"use client";

// Omnichannel › Channel Groups: every group with its strategy, members online / total,
// queue and oldest wait, kept live by the realtime signals.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { elapsed } from "@/components/ui/duration";
import { useNow } from "@/components/ui/use-now";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Table } from "@/components/ui/table";
import type { GroupSummary } from "@/lib/groups";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { HoursBadge } from "./hours-badge";
import { StrategyBadge } from "./strategy-badge";

const COLUMNS = "md:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_repeat(3,minmax(0,1fr))]";

export function GroupsList({ initial }: { initial: GroupSummary[] }) {
  const { t } = useI18n();
  const now = useNow();
  const { data: groups = initial } = useQuery({
    queryKey: queryKeys.groupList,
    queryFn: () => fetchJson<GroupSummary[]>(managerUrls.groupList),
    initialData: initial,
  });

  if (groups.length === 0) return <EmptyState framed>{t("groups.empty")}</EmptyState>;

  return (
    <Table
      columns={COLUMNS}
      headings={[t("groups.col.name"), t("groups.col.strategy"), t("groups.col.online"), t("groups.col.queue"), t("groups.col.oldestWait")]}
    >
        {groups.map((group) => (
          <li
            key={group.id}
            className={`relative grid grid-cols-3 items-center gap-x-3 gap-y-2 px-4 py-3.5 hover:bg-slate-50 md:gap-x-4 md:px-5 ${COLUMNS}`}
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
              <HoursBadge hours={group.hours} />
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
            <Cell label={t("groups.col.onlineShort")} testId="group-online">
              <span className={`mr-1.5 inline-block h-2 w-2 rounded-full ${group.membersOnline > 0 ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden="true" />
              {group.membersOnline} / {group.membersTotal}
            </Cell>
            <Cell label={t("groups.col.queue")} testId="group-queue">
              <span className={group.queueLength > 0 ? "font-semibold text-amber-700" : ""}>{group.queueLength}</span>
            </Cell>
            <Cell label={t("groups.col.oldestWait")} testId="group-oldest-wait">
              {group.oldestQueuedAt ? elapsed(group.oldestQueuedAt, now, t) : t("groups.noWait")}
            </Cell>
          </li>
        ))}
    </Table>
  );
}
