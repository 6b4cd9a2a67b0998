// Median and p90 come from PostgreSQL's percentile_cont; this only shapes the rows.
export type DurationStats = { median: number | null; p90: number | null; count: number };

export type StatsRow = { agentId: number | null; total: number; count: number; median: number | null; p90: number | null };

export function statsOf(row: Pick<StatsRow, "count" | "median" | "p90"> | undefined): DurationStats {
  return { median: row?.median ?? null, p90: row?.p90 ?? null, count: row?.count ?? 0 };
}

/** Splits a GROUPING SETS ((), (agent)) answer into the total and the per-agent rows. */
export function splitTotals<R extends { agentId: number | null; total: number }>(rows: R[]): { total: R | undefined; byAgent: Map<number, R> } {
  const byAgent = new Map<number, R>();
  let total: R | undefined;
  for (const row of rows) {
    if (row.total === 1) total = row;
    else if (row.agentId !== null) byAgent.set(row.agentId, row);
  }
  return { total, byAgent };
}
