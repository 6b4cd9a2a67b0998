"use client";

// A thread's activity line: an assignment event as a sentence ("Assigned automatically to
// Ana", "Reassigned: no reply in 10 min", "Ana sent it from Vendas to the queue of Suporte").
import { useI18n } from "@/components/i18n-provider";
import type { ActivityEvent } from "@/lib/inbox/conversation-activity";
import type { Translate } from "@/lib/i18n/translate";
import { formatTime } from "./format";

/** One assignment event as a sentence: "Assigned automatically to Ana", "Reassigned: no reply in 10 min". */
function describeEvent(t: Translate, event: ActivityEvent, viewerId: number): string {
  const sentence = eventSentence(t, event, viewerId);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function eventSentence(t: Translate, event: ActivityEvent, viewerId: number): string {
  const who = (p: ActivityEvent["actor"]) => (p === null ? t("inbox.activity.someone") : p.id === viewerId ? t("inbox.activity.you") : p.name);
  const minutes = event.minutes ?? 0;
  switch (event.kind) {
    case "auto":
      if (event.policy === "returned_longest_ago") return t("inbox.activity.autoReturned", { name: who(event.to) });
      return t(event.policy === "sticky" ? "inbox.activity.autoSticky" : "inbox.activity.auto", { name: who(event.to) });
    case "self":
      if (event.policy === "reopened") return t("inbox.activity.reopened", { name: who(event.to) });
      return t("inbox.activity.self", { name: who(event.to) });
    case "manager":
      return t("inbox.activity.manager", { actor: who(event.actor), name: who(event.to) });
    case "transfer":
      if (event.moved && event.to === null) return t("inbox.activity.transferGroupQueue", { actor: who(event.actor), fromGroup: event.moved.from, group: event.moved.to });
      if (event.moved) {
        return t("inbox.activity.transferGroup", { actor: who(event.actor), from: who(event.from), fromGroup: event.moved.from, name: who(event.to), group: event.moved.to });
      }
      return t("inbox.activity.transfer", { actor: who(event.actor), from: who(event.from), name: who(event.to) });
    case "requeue":
      if (event.policy === "away") return t("inbox.activity.requeue.away", { from: who(event.from), minutes });
      if (event.policy === "no_reply") return t("inbox.activity.requeue.noReply", { minutes });
      if (event.policy === "member_removed") return t("inbox.activity.requeue.removed", { from: who(event.from) });
      return t("inbox.activity.requeue", { actor: who(event.actor) });
    case "close":
      return t("inbox.activity.close", { actor: who(event.actor) });
    case "route": {
      const step = event.routing;
      const group = step?.groupName ?? "";
      const answer = step?.answer ?? "";
      if (step?.step === "asked_again") return t("inbox.activity.route.askedAgain", { answer });
      if (step?.step === "default") return t(step.cause === "timeout" ? "inbox.activity.route.timeout" : "inbox.activity.route.invalid", { group });
      if (step?.priority && step.priority !== "normal") {
        return t("inbox.activity.route.chosenPriority", { group, answer, priority: t(`sla.priority.${step.priority}`).toLowerCase() });
      }
      return t("inbox.activity.route.chosen", { group, answer });
    }
  }
}

export function ActivityLine({ event, viewerId }: { event: ActivityEvent; viewerId: number }) {
  const { t, locale } = useI18n();
  return (
    <li className="flex justify-center" data-testid="activity-event" data-kind={event.kind} data-policy={event.policy ?? ""}>
      <p className="rounded-md bg-sky-50 px-2.5 py-1 text-center text-[11px] text-slate-600 shadow-sm ring-1 ring-sky-100">
        {describeEvent(t, event, viewerId)} · <time dateTime={event.at}>{formatTime(event.at, locale)}</time>
      </p>
    </li>
  );
}
