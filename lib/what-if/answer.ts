// A what-if answer (docs/what-if.md): the settings in force and the proposed ones,
// replayed over the same history, side by side, with the calibration and every
// assumption the replay made. Pure: history in, answer out.
import { STRATEGIES } from "@/lib/groups/rules";
import { calibrationOf, figuresOf, targetSecondsOf, type Calibration, type Figures } from "./figures";
import type { History, ReplaySettings } from "./history";
import { DEFAULT_TAKE_DELAY_MS, replay } from "./replay";

/** An assumption in words (English, for the API) with a code and values the panel translates. */
export type Assumption = { code: string; text: string; values?: Record<string, number> };

export type WhatIfAnswer = {
  from: string;
  to: string;
  conversations: number;
  current: Figures;
  proposed: Figures;
  calibration: Calibration;
  assumptions: Assumption[];
  /** "Compare the three strategies": each strategy with the other settings as proposed. */
  strategies?: Record<ReplaySettings["strategy"], Figures>;
};

function assumptionsOf(history: History, settings: ReplaySettings[]): Assumption[] {
  const list: Assumption[] = [
    { code: "handling", text: "Each conversation takes as long to handle as it really did (assigned to closed), whoever handles it." },
    { code: "statuses", text: "Agents are online, paused and offline exactly when they really were." },
    { code: "otherLoad", text: "Conversations agents held in other groups (and older ones in this group) stay as they really were." },
    { code: "members", text: "The group's members and their own caps are those of today." },
    ...[...new Set(settings.map(targetSecondsOf))].map((seconds): Assumption =>
      settings.some((s) => s.firstResponseTargetMinutes !== null && s.firstResponseTargetMinutes * 60 === seconds)
        ? { code: "target", text: `The first-response target is ${seconds / 60} minutes (the group's setting).`, values: { minutes: seconds / 60 } }
        : { code: "targetDefault", text: `With no first-response target set, waits over ${seconds / 60} minutes count as over target.`, values: { minutes: seconds / 60 } },
    ),
    { code: "byHand", text: "In automatic groups, takes, transfers and returns made by hand are not replayed." },
  ];
  if (settings.some((s) => s.strategy === "manual")) {
    const seconds = Math.round((history.takeDelayMs ?? DEFAULT_TAKE_DELAY_MS) / 1000);
    list.push(
      history.takeDelayMs === null
        ? { code: "takeDelayDefault", text: `Manual: with no take in the history, an agent takes a waiting conversation after ${seconds} s, the least loaded online member first.`, values: { seconds } }
        : { code: "takeDelay", text: `Manual: an agent takes a waiting conversation after ${seconds} s (the group's observed median), the least loaded online member first.`, values: { seconds } },
    );
  }
  if (settings.some((s) => s.reassignNoReplyAfterMinutes !== null)) {
    list.push({ code: "noReply", text: "No-reply: the first agent replies as the real one did; whoever has it after a requeue replies in time." });
  }
  return list;
}

export type WhatIfOptions = { compareStrategies?: boolean };

export function answerWhatIf(history: History, proposedChanges: Partial<ReplaySettings>, options: WhatIfOptions = {}): WhatIfAnswer {
  const currentSettings = history.settings;
  const proposedSettings: ReplaySettings = { ...currentSettings, ...proposedChanges };
  const current = replay(history, currentSettings);
  const proposed = replay(history, proposedSettings);
  const answer: WhatIfAnswer = {
    from: new Date(history.fromMs).toISOString(),
    to: new Date(history.toMs).toISOString(),
    conversations: history.conversations.length,
    current: figuresOf(history, current),
    proposed: figuresOf(history, proposed),
    calibration: calibrationOf(history, current),
    assumptions: assumptionsOf(history, options.compareStrategies ? STRATEGIES.map((strategy) => ({ ...proposedSettings, strategy })) : [currentSettings, proposedSettings]),
  };
  if (options.compareStrategies) {
    const each = (strategy: ReplaySettings["strategy"]) =>
      strategy === proposedSettings.strategy ? answer.proposed : figuresOf(history, replay(history, { ...proposedSettings, strategy }));
    answer.strategies = { manual: each("manual"), balanced: each("balanced"), sequential: each("sequential") };
  }
  return answer;
}
