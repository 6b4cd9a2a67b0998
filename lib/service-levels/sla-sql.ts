// The `sla` of a conversation's JSON, computed where it is read, on PostgreSQL's clock
// (docs/behaviour.md#service-levels): the worst of the targets not yet met, "at_risk"
// once 80% of the target has passed (the same rule as sla-state.ts).
import { sql } from "drizzle-orm";
import { conversations } from "@/db/schema";
import type { SlaState } from "./sla-state";

export const slaSql = sql<SlaState | null>`(
  SELECT CASE max(CASE WHEN now() >= d THEN 2 WHEN now() >= d - (d - ${conversations.createdAt}) * 0.2 THEN 1 ELSE 0 END)
           WHEN 2 THEN 'overdue' WHEN 1 THEN 'at_risk' WHEN 0 THEN 'on_track' END
    FROM unnest(ARRAY[CASE WHEN ${conversations.firstResponseAt} IS NULL THEN ${conversations.firstResponseDueAt} END,
                      ${conversations.resolutionDueAt}]) AS d
   WHERE d IS NOT NULL AND ${conversations.status} <> 'closed')`;
