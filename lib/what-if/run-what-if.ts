// The what-if command (docs/what-if.md): a manager asks how a group's last days would
// have gone under other settings. Validates, authorizes, loads the history read only
// and answers, the replay in a worker thread (what-if-thread.ts); it changes nothing.
// Called by the API route and the settings panel's action.
import { z } from "zod";
import { databaseUrlOf, type Db } from "@/db/client";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { parseId, parseInput } from "@/lib/errors";
import { businessHoursSchema } from "@/lib/routing/business-hours";
import { capSchema, policyMinutesSchema, strategySchema, targetMinutesSchema } from "@/lib/groups/schemas";
import type { WhatIfAnswer } from "./answer";
import { loadHistory } from "./load-history";
import { groupNotFound, whatIfRunner, type HistorySource } from "./what-if-thread";

export const WHAT_IF_DAYS = [7, 14, 30] as const;
/** The longest period a replay covers. */
const MAX_PERIOD_MS = 31 * 86_400_000;

const instantSchema = z.iso.datetime({ offset: true, error: "whatIf.invalid.period" }).transform((text) => new Date(text));

/** A partial of the group's Settings: what the replay's decisions and timers read. */
export const proposedSettingsSchema = z.strictObject(
  {
    strategy: strategySchema.optional(),
    onlineOnly: z.boolean({ error: "groups.invalid.value" }).optional(),
    maxOpenPerAgent: capSchema.optional(),
    stickyToLastAgent: z.boolean({ error: "groups.invalid.value" }).optional(),
    allowTakeBeyondCap: z.boolean({ error: "groups.invalid.value" }).optional(),
    reassignAwayAfterMinutes: policyMinutesSchema.optional(),
    reassignNoReplyAfterMinutes: policyMinutesSchema.optional(),
    firstResponseTargetMinutes: targetMinutesSchema.optional(),
    businessHours: businessHoursSchema.nullable().optional(),
  },
  { error: "whatIf.invalid.settings" },
);

export const whatIfSchema = z
  .strictObject(
    {
      from: instantSchema.optional(),
      to: instantSchema.optional(),
      /** The last 7, 14 or 30 days up to now, instead of from and to. */
      days: z.union(WHAT_IF_DAYS.map((d) => z.literal(d)), { error: "whatIf.invalid.days" }).optional(),
      settings: proposedSettingsSchema.default({}),
      /** Also replay each of the three strategies with the other settings as proposed. */
      compareStrategies: z.boolean({ error: "groups.invalid.value" }).default(false),
    },
    { error: "error.invalidValue" },
  )
  .refine((v) => (v.from === undefined) === (v.to === undefined) && !(v.from && v.days), { error: "whatIf.invalid.period", path: ["from"] })
  .refine((v) => !v.from || !v.to || (v.from < v.to && v.to.getTime() - v.from.getTime() <= MAX_PERIOD_MS), { error: "whatIf.invalid.period", path: ["from"] });

export type WhatIfInput = z.input<typeof whatIfSchema>;

export async function runWhatIf(db: Db, actor: Actor | null | undefined, groupId: number | string, input: unknown, now = new Date()): Promise<WhatIfAnswer> {
  requireManager(actor);
  const id = parseId(groupId, "groupId");
  const { from, to, days, settings, compareStrategies } = parseInput(whatIfSchema, input);
  const until = to ?? now;
  const since = from ?? new Date(until.getTime() - (days ?? 7) * 86_400_000);
  // One at a time per instance, from the load on (what-if-thread.ts): a refused request reads nothing.
  // The replay's thread reads the history itself on a connection of its own (nothing of
  // it is made or copied on this thread); a pool not made by createDb has no address to
  // hand over, and then it is read here and sent.
  return whatIfRunner().run(async (answerInThread) => {
    const databaseUrl = databaseUrlOf(db);
    let source: HistorySource;
    if (databaseUrl) source = { databaseUrl, groupId: id, fromMs: since.getTime(), toMs: until.getTime() };
    else {
      const history = await loadHistory(db, id, since, until);
      if (!history) throw groupNotFound(id);
      source = { history };
    }
    return answerInThread({ source, proposed: settings, options: { compareStrategies } });
  });
}
