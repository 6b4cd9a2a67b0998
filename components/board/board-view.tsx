"use client";

// The live board: every group (or one), its queue and its agents. Signals about
// conversations, presence and groups invalidate it; the clock ticks the waits.
import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { useI18n } from "@/components/i18n-provider";
import { useRealtime } from "@/components/realtime-provider";
import type { Board } from "@/lib/board";
import { GroupBoard } from "./group-board";
import { useNow } from "@/components/ui/use-now";

export function BoardView({ initial, groupId }: { initial: Board; groupId?: number }) {
  const { t } = useI18n();
  const { connected } = useRealtime();
  const now = useNow();
  const { data: board = initial, refetch } = useQuery({
    queryKey: queryKeys.groupBoard(groupId),
    queryFn: () => fetchJson<Board>(managerUrls.board(groupId)),
    initialData: initial,
  });
  // "At risk" comes with time, not with an event: read again when the next count changes.
  const nextSlaChange = board.groups.reduce<string | null>(
    (next, group) => (group.slaNextChangeAt && (!next || group.slaNextChangeAt < next) ? group.slaNextChangeAt : next),
    null,
  );
  useEffect(() => {
    if (!nextSlaChange) return;
    // A second late, so the server's clock has passed it too; at most daily timers.
    const delay = Math.min(Math.max(Date.parse(nextSlaChange) - Date.now() + 1000, 1000), 86_400_000);
    const timer = setTimeout(() => void refetch(), delay);
    return () => clearTimeout(timer);
  }, [nextSlaChange, refetch]);

  return (
    <div className="flex flex-col gap-4" data-testid="board">
      <p className={`flex items-center gap-2 text-xs font-medium ${connected ? "text-emerald-700" : "text-amber-700"}`} role="status" data-testid="board-live" data-connected={connected}>
        <span className={`h-2 w-2 rounded-full ${connected ? "animate-pulse bg-emerald-500" : "bg-amber-400"}`} aria-hidden="true" />
        {connected ? t("board.live") : t("board.reconnecting")}
      </p>
      {board.groups.map((group) => (
        <GroupBoard key={group.id} group={group} now={now} showName={groupId === undefined} />
      ))}
    </div>
  );
}
