// The change a what-if answer shows, in words a manager reads ("customers would have
// waited 4 min less at p90; Diego would have taken 30% fewer"): the wait at p90 and at
// the median, conversations left unassigned, and the agent whose share moves most.
import type { Translate } from "@/lib/i18n/translate";
import type { Figures } from "@/lib/what-if/figures";
import { formatDuration } from "@/components/ui/duration";

/** Differences smaller than this are not worth a sentence. */
const NOTICEABLE_SECONDS = 30;
const NOTICEABLE_PERCENT = 10;

export function describeChange(current: Figures, proposed: Figures, t: Translate): string[] {
  const lines: string[] = [];
  const wait = (key: "p90" | "median", less: "whatIf.say.p90Less" | "whatIf.say.medianLess", more: "whatIf.say.p90More" | "whatIf.say.medianMore") => {
    const delta = proposed.queueWaitSeconds[key] - current.queueWaitSeconds[key];
    if (Math.abs(delta) >= NOTICEABLE_SECONDS) lines.push(t(delta < 0 ? less : more, { time: formatDuration(Math.abs(delta) * 1000, t) }));
  };
  wait("p90", "whatIf.say.p90Less", "whatIf.say.p90More");
  wait("median", "whatIf.say.medianLess", "whatIf.say.medianMore");
  const unassigned = proposed.unassigned - current.unassigned;
  if (unassigned !== 0) lines.push(t(unassigned > 0 ? "whatIf.say.unassignedMore" : "whatIf.say.unassignedLess", { count: Math.abs(unassigned) }));
  const before = new Map(current.perAgent.map((a) => [a.userId, a.conversations]));
  const moved = proposed.perAgent
    .map((a) => ({ name: a.name, before: before.get(a.userId) ?? 0, after: a.conversations }))
    .filter((a) => a.before >= 5)
    .map((a) => ({ ...a, percent: Math.round(((a.after - a.before) / a.before) * 100) }))
    .sort((a, b) => Math.abs(b.percent) - Math.abs(a.percent) || a.name.localeCompare(b.name))[0];
  if (moved && Math.abs(moved.percent) >= NOTICEABLE_PERCENT) {
    lines.push(t(moved.percent < 0 ? "whatIf.say.agentFewer" : "whatIf.say.agentMore", { name: moved.name, percent: Math.abs(moved.percent), before: moved.before, after: moved.after }));
  }
  return lines.length > 0 ? lines : [t("whatIf.same")];
}
