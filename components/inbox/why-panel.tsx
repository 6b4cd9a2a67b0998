"use client";

// "Why <agent>?" (docs/behaviour.md#why-this-agent), for managers: the latest automatic decision of the
// conversation with every candidate as the engine judged them — status, load, turn,
// eligible and why not — and the policy that applied.
import { useI18n } from "@/components/i18n-provider";
import type { AutomaticDecision, DecisionCandidate } from "@/lib/inbox/conversation-activity";
import type { Translate } from "@/lib/i18n/translate";
import { explainTie } from "@/lib/inbox/why-tie";
import { formatDateTime, formatTime, formatTimePrecise } from "./format";
import { PRESENCE_DOT } from "@/components/ui/badge";

function whyNot(t: Translate, candidate: Pick<DecisionCandidate, "whyCode" | "why" | "load" | "cap">): string {
  if (candidate.whyCode === null) return candidate.why ?? "";
  return t(`inbox.why.code.${candidate.whyCode}`, { load: candidate.load, cap: candidate.cap ?? "" });
}

export function WhyPanel({ decision }: { decision: AutomaticDecision }) {
  const { t, locale } = useI18n();
  const { sticky } = decision;
  const stickyCandidate = sticky ? decision.candidates.find((c) => c.userId === sticky.agent.id) : undefined;
  // A tie on load: the turn times of the two that tied, to the second (or finer) that told them apart.
  const tie = explainTie(decision);
  const precision = tie?.decidedBy === "millisecond" ? "millisecond" : "second";
  const turnOf = (turnKey: string | null) => (turnKey ? formatTimePrecise(turnKey, locale, precision) : t("inbox.why.never"));
  const tiedIds = tie ? new Set([decision.winner.id, tie.runnerUp.userId]) : new Set<number>();
  return (
    <details className="shrink-0 border-b border-slate-200 bg-white px-3 py-2 text-xs sm:px-4" data-testid="why-panel">
      <summary className="cursor-pointer font-medium text-brand-700 select-none">{t("inbox.why.title", { name: decision.winner.name })}</summary>
      <div className="mt-2 flex flex-col gap-2">
        <p className="text-slate-600">
          {t("inbox.why.decided", { strategy: t(`groups.strategy.${decision.strategy}`), time: formatDateTime(decision.at, locale) })}{" "}
          {sticky &&
            (sticky.applied
              ? t("inbox.why.sticky", { name: sticky.agent.name })
              : t("inbox.why.stickyMissed", { name: sticky.agent.name, why: stickyCandidate ? whyNot(t, stickyCandidate) : (sticky.why ?? "") }))}{" "}
          {(decision.priority === "urgent" || decision.priority === "high") && (
            <span data-testid="why-priority">{t("sla.reason.priorityFirst", { priority: t(`sla.priority.${decision.priority}`) })} </span>
          )}
          {decision.policy === "returned_longest_ago" && <span data-testid="why-returned">{t("inbox.why.returnedLongestAgo", { name: decision.winner.name })}</span>}
        </p>
        {tie && (
          <p className="text-slate-700" data-testid="why-tie" data-decided-by={tie.decidedBy}>
            {t(tie.decidedBy === "userId" ? "inbox.why.tie.userId" : "inbox.why.tie.turn", {
              winner: decision.winner.name,
              other: tie.runnerUp.name,
              load: tie.load,
              winnerTime: turnOf(tie.winnerTurnKey),
              otherTime: turnOf(tie.runnerUp.turnKey),
            })}
          </p>
        )}
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <thead className="text-[11px] tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-3 font-semibold">{t("inbox.why.col.agent")}</th>
                <th className="py-1 pr-3 font-semibold">{t("inbox.why.col.status")}</th>
                <th className="py-1 pr-3 font-semibold">{t("inbox.why.col.load")}</th>
                <th className="py-1 pr-3 font-semibold">{t("inbox.why.col.turn")}</th>
                <th className="py-1 pr-3 font-semibold">{t("inbox.why.col.eligible")}</th>
                <th className="py-1 font-semibold">{t("inbox.why.col.whyNot")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {decision.candidates.map((c) => {
                const winner = c.userId === decision.winner.id;
                return (
                  <tr key={c.userId} className={winner ? "bg-brand-50" : undefined} data-testid="why-candidate" data-name={c.name} data-eligible={c.eligible}>
                    <td className="py-1 pr-3 font-medium whitespace-nowrap text-slate-900">
                      {c.name}
                      {winner && <span className="ml-1.5 rounded-full whitespace-nowrap bg-brand-600 px-1.5 py-0.5 text-[10px] font-semibold text-white">{t("inbox.why.winner")}</span>}
                    </td>
                    <td className="py-1 pr-3">
                      <span className="inline-flex items-center gap-1.5">
                        <span className={`h-2 w-2 rounded-full ${PRESENCE_DOT[c.status]}`} aria-hidden="true" />
                        {t(`status.${c.status}`)}
                      </span>
                    </td>
                    <td className="py-1 pr-3 tabular-nums">{c.cap === null ? c.load : `${c.load}/${c.cap}`}</td>
                    <td className="py-1 pr-3 tabular-nums">{tiedIds.has(c.userId) ? turnOf(c.turnKey) : c.turnKey ? formatTime(c.turnKey, locale) : t("inbox.why.never")}</td>
                    <td className="py-1 pr-3">{c.eligible ? t("inbox.why.yes") : t("inbox.why.no")}</td>
                    <td className="py-1 text-amber-800" data-testid="why-not">
                      {c.eligible ? "" : whyNot(t, c)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </details>
  );
}
