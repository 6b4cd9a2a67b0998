"use client";

// One group on the board: queue length and oldest wait, the longest-waiting conversations
// (contact, wait, why), then each agent with status, load here and in total, time since
// their last assignment and their turn (who is next).
import Link from "next/link";
import { HoursBadge } from "@/components/groups/hours-badge";
import { StrategyBadge } from "@/components/groups/strategy-badge";
import { useI18n } from "@/components/i18n-provider";
import type { BoardAgent, BoardGroup } from "@/lib/board";
import { WaitingList } from "./waiting-list";
import { elapsed, timeAgo } from "@/components/ui/duration";
import { Badge, StatusDot } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";

const COLUMNS = "md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,0.7fr)_minmax(0,1.3fr)_minmax(0,1fr)]";

export function GroupBoard({ group, now, showName }: { group: BoardGroup; now: number | null; showName: boolean }) {
  const { t } = useI18n();
  return (
    <section className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" data-testid="board-group" data-group-name={group.name} aria-label={group.name}>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 md:px-5">
        {showName && (
          <h2 className="text-base font-semibold">
            <Link href={`/omnichannel/channel-groups/${group.id}`} className="hover:underline">
              {group.name}
            </Link>
          </h2>
        )}
        <StrategyBadge strategy={group.strategy} />
        <HoursBadge hours={group.hours} />
        {group.maxOpenPerAgent !== null && <span className="text-xs text-slate-500">{t("board.cap", { n: group.maxOpenPerAgent })}</span>}
        <div className="ml-auto flex items-center gap-4 text-sm">
          <span className="flex items-baseline gap-1.5">
            <span className="text-xs text-slate-500">{t("board.queue")}</span>
            <span className={`text-lg font-semibold tabular-nums ${group.queueLength > 0 ? "text-amber-700" : "text-slate-900"}`} data-testid="board-queue-length">
              {group.queueLength}
            </span>
            {group.waitingReason && (
              <span className="text-xs text-amber-800" data-testid="board-waiting-reason" data-reason={group.waitingReason}>
                {t("board.waiting", { n: group.queueLength, reason: t(`inbox.waitingReason.${group.waitingReason}`) })}
              </span>
            )}
          </span>
          <span className="flex items-baseline gap-1.5">
            <span className="text-xs text-slate-500">{t("board.oldestWait")}</span>
            <span className="font-medium tabular-nums" data-testid="board-oldest-wait">
              {group.oldestQueuedAt ? elapsed(group.oldestQueuedAt, now, t) : t("groups.noWait")}
            </span>
          </span>
          {/* Service levels (docs/behaviour.md#service-levels): shown once something is at risk. */}
          {group.slaAtRisk > 0 && (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="board-sla-at-risk">
              {t("sla.board.atRisk")}: {group.slaAtRisk}
            </span>
          )}
          {group.slaOverdue > 0 && (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800" data-testid="board-sla-overdue">
              {t("sla.board.overdue")}: {group.slaOverdue}
            </span>
          )}
        </div>
      </header>
      {group.waiting.length > 0 && <WaitingList group={group} now={now} />}
      {group.agents.length === 0 ? (
        <div className="px-5 py-4">
          <EmptyState>{t("board.noMembers")}</EmptyState>
        </div>
      ) : (
        <>
          <Table
            framed={false}
            columns={COLUMNS}
            headings={[t("board.col.agent"), t("board.col.status"), t("board.col.load"), t("board.col.lastAssigned"), t("board.col.turn")]}
          >
            {group.agents.map((agent) => (
              <AgentRow key={agent.userId} agent={agent} manual={group.strategy === "manual"} now={now} />
            ))}
          </Table>
          {group.strategy === "manual" && <p className="border-t border-slate-100 px-5 py-2 text-xs text-slate-500">{t("board.manual")}</p>}
        </>
      )}
    </section>
  );
}

function AgentRow({ agent, manual, now }: { agent: BoardAgent; manual: boolean; now: number | null }) {
  const { t } = useI18n();
  const turn =
    agent.turn === 1 ? (
      <Badge tone="brand">{t("board.next")}</Badge>
    ) : agent.turn !== null ? (
      <span className="text-sm font-medium text-slate-700 tabular-nums">{t("board.turn", { n: agent.turn })}</span>
    ) : agent.reason === "atCap" && !manual ? (
      // Offline and paused already show as the status.
      <span className="text-xs font-medium text-amber-700">{t("board.reason.atCap")}</span>
    ) : null;
  return (
    <li
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1 px-4 py-2.5 md:px-5 ${COLUMNS}`}
      data-testid="board-agent"
      data-agent-name={agent.name}
      data-status={agent.status}
      data-load={agent.load}
      data-load-here={agent.loadHere}
      data-turn={agent.turn ?? ""}
    >
      <span className="truncate text-sm font-medium text-slate-900">{agent.name}</span>
      <span className="flex flex-col items-end justify-self-end md:items-start md:justify-self-start">
        <StatusDot status={agent.status} />
        {agent.statusSince && agent.status !== "offline" && now !== null && (
          <span className="text-xs text-slate-500" data-testid="board-status-since">
            {t(agent.status === "online" ? "board.onlineFor" : "board.pausedFor", { time: elapsed(agent.statusSince, now, t) })}
          </span>
        )}
      </span>
      <span className="text-sm text-slate-700 tabular-nums" data-testid="board-agent-load">
        <span className="text-xs text-slate-500 md:hidden">{t("board.col.load")} </span>
        <span aria-label={t("board.load.hereTotal.label", { here: agent.loadHere, total: agent.load })}>
          {agent.loadHere === agent.load ? agent.load : t("board.load.hereTotal", { here: agent.loadHere, total: agent.load })}
        </span>
      </span>
      <span className="justify-self-end text-xs text-slate-500 md:justify-self-start md:text-sm">
        {agent.lastAssignedAt ? timeAgo(agent.lastAssignedAt, now, t) : t("board.never")}
      </span>
      {turn ? (
        <span className="col-span-2 flex items-center gap-1.5 md:col-span-1">
          <span className="text-xs text-slate-500 md:hidden">{t("board.col.turn")}</span>
          {turn}
        </span>
      ) : (
        <span className="hidden md:block" />
      )}
    </li>
  );
}
