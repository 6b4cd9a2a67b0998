"use client";

// A conversation's priority and time left (docs/behaviour.md#service-levels): the badge
// that rows, the conversation view and the board show, counting down on the screen's
// clock between reads, and the priority picker of the conversation view.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { setConversationPriority } from "@/app/actions/conversations";
import { useI18n } from "@/components/i18n-provider";
import { formatDuration } from "@/components/ui/duration";
import { useToast } from "@/components/ui/toast";
import { describeActionError } from "@/components/ui/action-error";
import { queryKeys } from "@/lib/realtime/query-keys";
import { nextDue, PRIORITIES, slaStateAt, type Priority, type SlaFacts } from "@/lib/service-levels/sla-state";

const STATE_CLASS = {
  on_track: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  at_risk: "bg-amber-100 text-amber-900 ring-amber-300",
  overdue: "bg-red-100 text-red-800 ring-red-300",
} as const;

const PRIORITY_CLASS: Record<Priority, string> = {
  urgent: "bg-red-600 text-white",
  high: "bg-orange-100 text-orange-900",
  normal: "bg-slate-100 text-slate-600",
  low: "bg-slate-50 text-slate-500",
};

/** "At risk · 2 min left" for the target next due; nothing without one. */
export function SlaBadge({ facts, now }: { facts: SlaFacts; now: number }) {
  const { t } = useI18n();
  const due = nextDue(facts);
  const state = slaStateAt(facts, now);
  if (!due || !state) return null;
  const left = Date.parse(due.dueAt) - now;
  const time = formatDuration(Math.abs(left), t);
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-1.5 py-0.5 text-[11px] font-medium ring-1 ${STATE_CLASS[state]}`}
      data-testid="sla-badge"
      data-state={state}
      title={t(due.kind === "firstResponse" ? "sla.due.firstResponse" : "sla.due.resolution")}
    >
      {t(`sla.state.${state}`, { time })}
    </span>
  );
}

/** Shown for any priority but normal. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  if (priority === "normal") return null;
  return (
    <span className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold ${PRIORITY_CLASS[priority]}`} data-testid="priority-badge">
      {t(`sla.priority.${priority}`)}
    </span>
  );
}

/** The conversation view's priority control; the server decides who may change it. */
export function PriorityPicker({ conversationId, priority, disabled }: { conversationId: number; priority: Priority; disabled?: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [pending, setPending] = useState(false);

  async function change(next: Priority) {
    setPending(true);
    const result = await setConversationPriority({ conversationId, priority: next });
    setPending(false);
    notify(result.ok ? "info" : "error", result.ok ? t("sla.priority.changed") : describeActionError(result.error, t).message);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists }),
    ]);
  }

  return (
    <label className="flex items-center gap-1">
      <span className="text-slate-500">{t("sla.priority.label")}:</span>
      <select
        className="rounded border border-slate-200 bg-white px-1 py-0.5 text-xs"
        value={priority}
        disabled={disabled || pending}
        onChange={(e) => void change(e.target.value as Priority)}
        data-testid="priority-picker"
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`sla.priority.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
