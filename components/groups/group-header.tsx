"use client";

// The head of a group's pages: back to the list, its name and strategy, and the tabs
// Live board / Settings. Live: a rename or a new strategy shows at once.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n-provider";
import type { GroupDetails } from "@/lib/groups";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { StrategyBadge } from "./strategy-badge";

export function GroupHeader({ initial }: { initial: GroupDetails }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const groupId = initial.group.id;
  const { data = initial } = useQuery({
    queryKey: queryKeys.groupDetails(groupId),
    queryFn: () => fetchJson<GroupDetails>(managerUrls.groupDetails(groupId)),
    initialData: initial,
  });
  const base = `/omnichannel/channel-groups/${groupId}`;
  const tabs = [
    { href: base, label: t("groups.tab.board") },
    { href: `${base}/settings`, label: t("groups.tab.settings") },
  ];

  return (
    <header className="flex flex-col gap-3">
      <Link href="/omnichannel/channel-groups" className="w-fit text-sm font-medium text-brand-700 hover:underline">
        ‹ {t("nav.channelGroups")}
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-xl font-semibold break-all" data-testid="group-name">
          {data.group.name}
        </h1>
        <StrategyBadge strategy={data.group.strategy} />
      </div>
      <nav className="flex gap-1 border-b border-slate-200" aria-label={data.group.name}>
        {tabs.map((tab) => {
          const current = pathname === tab.href;
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={current ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}
