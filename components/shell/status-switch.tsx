"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { setMyStatus } from "@/app/actions/status";
import { useI18n } from "@/components/i18n-provider";
import { PRESENCE_DOT } from "@/components/ui/badge";
import { fetchJson } from "@/components/ui/fetch-json";
import { PRESENCE_STATUSES, type PresenceStatus } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";

type Status = PresenceStatus;

/**
 * The signed-in user's status as the server has it. A `presence.changed` signal about
 * them (another tab, or presence taking them offline) and every reconnection refetch it.
 */
export function useMyStatus(userId: number, initial: Status): Status {
  const { data = initial } = useQuery({
    queryKey: queryKeys.myStatus(userId),
    queryFn: async () => (await fetchJson<{ status: Status }>("/api/v1/me")).status,
    initialData: initial,
  });
  return data;
}

/** Sets the signed-in user's status, showing it at once and taking it back if the server refuses. */
export function useChooseStatus(userId: number) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  async function choose(next: Status) {
    // Going online is the moment to ask for notifications (browsers want a click for it).
    if (next === "online" && typeof Notification !== "undefined" && Notification.permission === "default") {
      void Notification.requestPermission().catch(() => {});
    }
    const previous = queryClient.getQueryData<Status>(queryKeys.myStatus(userId));
    queryClient.setQueryData(queryKeys.myStatus(userId), next);
    const result = await setMyStatus(next);
    if (!result.ok) {
      queryClient.setQueryData(queryKeys.myStatus(userId), previous);
      setError(result.error.code === "internal" ? t("error.generic") : t(`error.${result.error.code}` as never, result.error.params));
    } else setError(null);
  }
  return { choose, error };
}

/** Online / Paused / Offline, always in the header. The server's answer is the truth. */
export function StatusSwitch({ initial, userId }: { initial: Status; userId: number }) {
  const { t } = useI18n();
  const status = useMyStatus(userId, initial);
  const { choose, error } = useChooseStatus(userId);

  return (
    <div role="radiogroup" aria-label={t("status.label")} className="flex items-center rounded-full bg-slate-100 p-0.5 text-xs" data-testid="status-switch" data-status={status}>
      {PRESENCE_STATUSES.map((s) => (
        <button
          key={s}
          role="radio"
          aria-checked={status === s}
          aria-label={t(`status.${s}`)}
          title={t(`status.${s}`)}
          onClick={() => status !== s && choose(s)}
          className={`flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium ${status === s ? "bg-white shadow-sm text-slate-900" : "text-slate-600 hover:text-slate-800"}`}
        >
          <span className={`h-2 w-2 rounded-full ${PRESENCE_DOT[s]}`} aria-hidden="true" />
          <span>{t(`status.${s}`)}</span>
        </button>
      ))}
      {error && <span role="alert" className="sr-only">{error}</span>}
    </div>
  );
}
