// A conversation's service level as the interface shows it (docs/behaviour.md#service-levels),
// importable by the browser: the server computes `sla` on PostgreSQL's clock (sla-sql.ts);
// screens count the time left down between reads with the same rule.
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SLA_STATES = ["on_track", "at_risk", "overdue"] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** "At risk" once this share of the target has passed. */
export const AT_RISK_SHARE = 0.8;

export type SlaFacts = {
  status: "queued" | "assigned" | "closed" | "routing";
  createdAt: string;
  firstResponseAt: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
};

/** The due time that is next to be met (the first reply before the close), or null. */
export function nextDue(facts: SlaFacts): { kind: "firstResponse" | "resolution"; dueAt: string } | null {
  if (facts.status === "closed") return null;
  if (facts.firstResponseDueAt && !facts.firstResponseAt) return { kind: "firstResponse", dueAt: facts.firstResponseDueAt };
  if (facts.resolutionDueAt) return { kind: "resolution", dueAt: facts.resolutionDueAt };
  return null;
}

/** The worst state of the targets not yet met at `nowMs`; null without one (or once closed). */
export function slaStateAt(facts: SlaFacts, nowMs: number): SlaState | null {
  if (facts.status === "closed") return null;
  const start = Date.parse(facts.createdAt);
  const dues = [facts.firstResponseAt ? null : facts.firstResponseDueAt, facts.resolutionDueAt].filter((d): d is string => d !== null);
  if (dues.length === 0) return null;
  let worst: SlaState = "on_track";
  for (const due of dues) {
    const end = Date.parse(due);
    if (nowMs >= end) return "overdue";
    if (nowMs >= start + (end - start) * AT_RISK_SHARE) worst = "at_risk";
  }
  return worst;
}
