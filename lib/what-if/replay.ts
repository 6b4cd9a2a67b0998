// The what-if replay (docs/what-if.md): a group's past traffic run again over a simulated
// clock under some settings. Every automatic decision is the live engine's own
// planDecisions (docs/behaviour.md#distribution): same snapshot, same window, same
// tie-breaks, same policies; the replay only plays the world around it — arrivals,
// statuses, closings, timers, business hours — from history. No randomness, no wall
// clock: the same history and settings give the same result.
import type { User } from "@/db/schema";
import { chooseAgent, ineligibleCode, type AgentFacts } from "@/lib/distribution/choose-agent";
import { planDecisions, QUEUE_WINDOW, type DecisionInputs } from "@/lib/distribution/plan-decisions";
import { openStateAt } from "@/lib/routing/business-hours";
import type { History, HistoryConversation, ReplaySettings } from "./history";
import { EventQueue } from "./event-queue";
import { WaitingQueue } from "./waiting-queue";

/** Used when a manual group's history has no take to learn the delay from. */
export const DEFAULT_TAKE_DELAY_MS = 120_000;
const QUEUE_SAMPLES = 120;

export type ConversationOutcome = {
  /** The first agent it would have gone to, and when. */
  firstAssigneeId: number | null;
  firstAssignedAtMs: number | null;
  /** Who would have had it last (when it closed, or at the end of the period); null = unassigned. */
  finalAssigneeId: number | null;
  /** Queued to first assignment, or to the end of its wait (closed unanswered, or the period's end). */
  waitMs: number;
  outsideHours: boolean;
};

export type AgentOutcome = {
  userId: number;
  conversations: number;
  onlineMs: number;
  /** The most conversations they would have held at once, across groups. */
  peakOpen: number;
};

/** One assignment made by the replay, with what it was decided on (the property tests check caps on it). */
export type ReplayAssignment = { atMs: number; conversationId: number; userId: number; kind: "auto" | "self"; loadBefore: number; cap: number | null; status: User["status"] };

export type ReplayResult = {
  settings: ReplaySettings;
  outcomes: Map<number, ConversationOutcome>;
  agents: AgentOutcome[];
  requeues: { away: number; noReply: number; returned: number; removed: number };
  /** Most conversations waiting at once in each of QUEUE_SAMPLES equal slices of the period. */
  queueLength: { atMs: number; waiting: number }[];
  assignments: ReplayAssignment[];
  takeDelayMs: number;
};

type ConversationState = {
  conversation: HistoryConversation;
  status: "pending" | "queued" | "assigned" | "closed";
  assigneeId: number | null;
  returnedBy: number[];
  /** Bumped whenever it changes hands, so that a timer set for an older hand does nothing. */
  epoch: number;
  takeable: boolean;
  noReplyUsed: boolean;
  outcome: ConversationOutcome;
};

type AgentState = {
  facts: AgentFacts;
  awaySinceMs: number | null;
  onlineSinceMs: number | null;
  /** The replayed conversations they hold now. */
  held: Set<ConversationState>;
  outcome: AgentOutcome;
};

type Event =
  | { kind: "load"; userId: number; delta: number }
  | { kind: "status"; userId: number; status: User["status"] }
  | { kind: "close"; state: ConversationState; epoch: number }
  | { kind: "hours" }
  | { kind: "away"; userId: number; since: number }
  | { kind: "noReply"; state: ConversationState; epoch: number }
  | { kind: "arrive"; state: ConversationState }
  | { kind: "take"; state: ConversationState };

// At one instant: loads and statuses first, then closings, then opening hours and timers,
// then arrivals (a conversation arriving as another closes finds the freed agent).
const PRIORITY: Record<Event["kind"], number> = { load: 0, status: 1, close: 2, hours: 3, away: 4, noReply: 4, arrive: 5, take: 6 };

// Instants are epoch milliseconds with the microseconds PostgreSQL keeps as the fraction;
// AgentFacts writes them as fixed-width ISO strings with microseconds (choose-agent.ts).
const microsOf = (ms: number) => BigInt(Math.round(ms * 1000));
function isoOfMs(ms: number): string {
  const micros = Math.round(ms * 1000);
  const whole = Math.floor(micros / 1000);
  return `${new Date(whole).toISOString().slice(0, 23)}${String(micros - whole * 1000).padStart(3, "0")}Z`;
}

export function replay(history: History, settings: ReplaySettings): ReplayResult {
  const { fromMs, toMs } = history;
  const minute = 60_000;
  const takeDelayMs = history.takeDelayMs ?? DEFAULT_TAKE_DELAY_MS;
  const events = new EventQueue<Event>();
  const at = (atMs: number, event: Event) => {
    if (atMs < toMs) events.push(atMs, PRIORITY[event.kind], event);
  };

  const agents = new Map<number, AgentState>();
  for (const m of history.members) {
    const online = m.status === "online";
    agents.set(m.userId, {
      facts: {
        userId: m.userId,
        active: true,
        status: m.status,
        load: history.initialLoad[m.userId] ?? 0,
        availableSince: m.availableSinceMs === null ? null : isoOfMs(m.availableSinceMs),
        lastAutoAssignedAt: m.lastAutoAssignedAtMs === null ? null : isoOfMs(m.lastAutoAssignedAtMs),
        ownCap: m.ownCap,
      },
      awaySinceMs: online ? null : (m.awaySinceMs ?? fromMs),
      onlineSinceMs: online ? fromMs : null,
      held: new Set(),
      outcome: { userId: m.userId, conversations: 0, onlineMs: 0, peakOpen: history.initialLoad[m.userId] ?? 0 },
    });
    for (const change of m.changes) at(change.atMs, { kind: "status", userId: m.userId, status: change.status });
    if (!online && settings.reassignAwayAfterMinutes !== null) {
      at(Math.max(fromMs, (m.awaySinceMs ?? fromMs) + settings.reassignAwayAfterMinutes * minute), { kind: "away", userId: m.userId, since: m.awaySinceMs ?? fromMs });
    }
  }
  // Sorted by id so that every iteration order is fixed.
  const agentList = [...agents.values()].sort((a, b) => a.facts.userId - b.facts.userId);
  for (const change of history.loadChanges) if (agents.has(change.userId)) at(change.atMs, { kind: "load", userId: change.userId, delta: change.delta });

  // Every conversation's state, in the history's order; events hold the state itself.
  const states: ConversationState[] = [];
  // Arrivals, known from the start, wait in an array beside the heap rather than in it
  // (a heap of every conversation made each event's pop the dearer): taken in the order
  // the heap would give them, by instant and then as pushed (a stable sort). No other
  // event has their priority, so against the heap's next the instant and priority decide.
  const arrivals: { atMs: number; event: Event }[] = [];
  for (const conversation of history.conversations) {
    const state: ConversationState = {
      conversation,
      status: "pending",
      assigneeId: null,
      returnedBy: [],
      epoch: 0,
      takeable: false,
      noReplyUsed: false,
      outcome: { firstAssigneeId: null, firstAssignedAtMs: null, finalAssigneeId: null, waitMs: 0, outsideHours: false },
    };
    states.push(state);
    const arriveAtMs = Math.max(fromMs, conversation.queuedAtMs);
    if (arriveAtMs < toMs) arrivals.push({ atMs: arriveAtMs, event: { kind: "arrive", state } });
  }
  // Kept only when sticky contacts are on: nothing else reads it.
  const sticky = settings.stickyToLastAgent;
  const lastAgentByContact = new Map(sticky ? Object.entries(history.lastAgentByContact).map(([k, v]) => [Number(k), v]) : []);

  // planDecisions is a pure function of its inputs, and whether it decides anything does
  // not depend on the clock: after it decided nothing, asking again before an agent, the
  // hours or the head of the queue changed would decide nothing again. Most events of a
  // period with a backlog (arrivals behind a full window, timers) change none of them.
  // `changed`: an agent's facts, the hours or a contact's last agent changed since;
  // `stalledWindow`: the head of the queue (and each one's returners) it decided nothing for.
  let changed = true;
  let open = true;
  const scheduleHours = (nowMs: number) => {
    const state = openStateAt(settings.businessHours, new Date(nowMs));
    if (open !== state.open) changed = true;
    open = state.open;
    if (state.nextChange) at(Math.max(state.nextChange.getTime(), nowMs + 1), { kind: "hours" });
  };
  scheduleHours(fromMs);

  // The group's queue in the engine's order: oldest queuedAt first, then id.
  const queue = new WaitingQueue<ConversationState>((a, b) => {
    const x = a.conversation;
    const y = b.conversation;
    return x.queuedAtMs < y.queuedAtMs || (x.queuedAtMs === y.queuedAtMs && x.id < y.id);
  });
  let stalledWindow: { state: ConversationState; returners: number }[] = [];
  const sameWindow = (window: ConversationState[]) =>
    window.length === stalledWindow.length && window.every((state, i) => stalledWindow[i]!.state === state && stalledWindow[i]!.returners === state.returnedBy.length);
  const samples = new Array<number>(QUEUE_SAMPLES).fill(0);
  const sliceMs = Math.max(1, (toMs - fromMs) / QUEUE_SAMPLES);
  let sampled = 0;
  const noteQueue = (nowMs: number) => {
    const slice = Math.min(QUEUE_SAMPLES - 1, Math.floor((nowMs - fromMs) / sliceMs));
    while (sampled < slice) samples[++sampled] = Math.max(samples[sampled]!, queue.size);
    samples[slice] = Math.max(samples[slice]!, queue.size);
  };
  const enqueue = (state: ConversationState, nowMs: number) => {
    queue.insert(state);
    state.status = "queued";
    state.assigneeId = null;
    noteQueue(nowMs);
  };
  const dequeue = (state: ConversationState, nowMs: number) => {
    queue.remove(state);
    noteQueue(nowMs);
  };

  const requeues = { away: 0, noReply: 0, returned: 0, removed: 0 };
  const assignments: ReplayAssignment[] = [];
  let nowMicros = microsOf(fromMs);

  const assign = (state: ConversationState, userId: number, nowMs: number, kind: "auto" | "self", cap: number | null) => {
    const agent = agents.get(userId)!;
    assignments.push({ atMs: nowMs, conversationId: state.conversation.id, userId, kind, loadBefore: agent.facts.load, cap, status: agent.facts.status });
    dequeue(state, nowMs);
    state.status = "assigned";
    state.assigneeId = userId;
    state.epoch++;
    const c = state.conversation;
    if (state.outcome.firstAssigneeId === null) {
      state.outcome.firstAssigneeId = userId;
      state.outcome.firstAssignedAtMs = nowMs;
    }
    agent.facts.load++;
    changed = true;
    agent.held.add(state);
    agent.outcome.peakOpen = Math.max(agent.outcome.peakOpen, agent.facts.load);
    if (sticky) lastAgentByContact.set(c.contactId, userId);
    // Handled for as long as it really was, whoever handles it; one nobody really had ends when it really closed.
    if (c.closedAtMs !== null) {
      const handlingMs = c.realAssignedAtMs === null ? Math.max(0, c.closedAtMs - nowMs) : c.closedAtMs - c.realAssignedAtMs;
      at(nowMs + handlingMs, { kind: "close", state, epoch: state.epoch });
    }
    const noReply = settings.reassignNoReplyAfterMinutes;
    // The first hand replies as the real one did; whoever has it after a no-reply requeue replies in time.
    if (kind === "auto" && noReply !== null && !state.noReplyUsed && (c.responseDelayMs === null || c.responseDelayMs > noReply * minute)) {
      state.noReplyUsed = true;
      at(nowMs + noReply * minute, { kind: "noReply", state, epoch: state.epoch });
    }
  };

  const requeue = (state: ConversationState, nowMs: number, reason: "away" | "noReply") => {
    const agent = agents.get(state.assigneeId!)!;
    agent.facts.load--;
    changed = true;
    agent.held.delete(state);
    if (!state.returnedBy.includes(agent.facts.userId)) state.returnedBy.push(agent.facts.userId);
    state.epoch++;
    requeues[reason]++;
    enqueue(state, nowMs);
  };

  // The members' facts, changed in place (planDecisions copies what it changes).
  const agentFacts = agentList.map((a) => a.facts);

  const rules = { strategy: settings.strategy, onlineOnly: settings.onlineOnly, maxOpenPerAgent: settings.maxOpenPerAgent };
  const drainAuto = (nowMs: number) => {
    while (queue.size > 0) {
      const window = queue.head(QUEUE_WINDOW);
      if (!changed && sameWindow(window)) return;
      const micros = microsOf(nowMs);
      if (micros > nowMicros) nowMicros = micros;
      // Only the members who could win: one not eligible for a reason of their own (offline,
      // at their cap: a plan only raises loads) wins nothing in this plan, and no fallback;
      // except one who returned a conversation of the window, which the engine's "returned
      // means someone else" weighs (plan-decisions.ts firstAssignable). Fewer candidates,
      // the same winners; the reasons, which the replay does not keep, name fewer members.
      const returners = window.some((s) => s.returnedBy.length > 0) ? new Set(window.flatMap((s) => s.returnedBy)) : null;
      const contenders = agentFacts.filter((f) => returners?.has(f.userId) || ineligibleCode(f, rules) === null);
      const inputs: DecisionInputs = {
        groupId: history.groupId,
        strategy: settings.strategy,
        onlineOnly: settings.onlineOnly,
        maxOpenPerAgent: settings.maxOpenPerAgent,
        stickyToLastAgent: settings.stickyToLastAgent,
        businessHours: settings.businessHours,
        open,
        queued: window.map((s) => ({
          id: s.conversation.id,
          returnedBy: s.returnedBy,
          lastAgentId: sticky ? (lastAgentByContact.get(s.conversation.contactId) ?? null) : null,
        })),
        agents: contenders,
        nowMicros,
      };
      const plan = planDecisions(inputs);
      if (!plan) {
        changed = false;
        stalledWindow = window.map((state) => ({ state, returners: state.returnedBy.length }));
        return;
      }
      for (const decision of plan.decisions) {
        const agent = agents.get(decision.winner)!;
        const cap = agent.facts.ownCap ?? settings.maxOpenPerAgent;
        assign(window.find((s) => s.conversation.id === decision.conversationId)!, decision.winner, nowMs, "auto", cap);
        agent.facts.lastAutoAssignedAt = decision.at;
      }
      nowMicros += BigInt(plan.decisions.length);
      if (!plan.moreQueued) return;
    }
  };

  // Manual: after the observed take delay, the least loaded online member takes it (the
  // engine's balanced comparator; the cap binds only if takes beyond it are refused).
  const takeWaiting = (nowMs: number) => {
    const rules = { strategy: "balanced" as const, onlineOnly: true, maxOpenPerAgent: settings.allowTakeBeyondCap ? null : settings.maxOpenPerAgent };
    const facts = settings.allowTakeBeyondCap ? agentFacts.map((f) => ({ ...f, ownCap: null })) : agentFacts;
    for (const state of queue.all()) {
      if (!state.takeable) continue;
      const decision = chooseAgent(rules, facts, { returnedBy: [], lastAgentId: null });
      if (decision.winner === null) return;
      const winner = facts.find((f) => f.userId === decision.winner)!;
      assign(state, decision.winner, nowMs, "self", settings.allowTakeBeyondCap ? null : (winner.ownCap ?? settings.maxOpenPerAgent));
      winner.load = agents.get(decision.winner)!.facts.load;
    }
  };

  const handle = (nowMs: number, event: Event) => {
    switch (event.kind) {
      case "load":
        agents.get(event.userId)!.facts.load += event.delta;
        changed = true;
        return;
      case "status": {
        const agent = agents.get(event.userId)!;
        const wasOnline = agent.facts.status === "online";
        if (event.status === agent.facts.status) return;
        agent.facts.status = event.status;
        changed = true;
        if (event.status === "online") {
          agent.facts.availableSince = isoOfMs(nowMs);
          agent.awaySinceMs = null;
          agent.onlineSinceMs = nowMs;
        } else if (wasOnline) {
          agent.outcome.onlineMs += nowMs - agent.onlineSinceMs!;
          agent.onlineSinceMs = null;
          agent.awaySinceMs = nowMs;
          if (settings.reassignAwayAfterMinutes !== null) at(nowMs + settings.reassignAwayAfterMinutes * minute, { kind: "away", userId: event.userId, since: nowMs });
        }
        return;
      }
      case "close": {
        const { state } = event;
        if (state.epoch !== event.epoch || state.status !== "assigned") return;
        const agent = agents.get(state.assigneeId!)!;
        agent.facts.load--;
        changed = true;
        agent.held.delete(state);
        state.status = "closed";
        return;
      }
      case "hours":
        scheduleHours(nowMs);
        return;
      case "away": {
        const agent = agents.get(event.userId)!;
        if (agent.awaySinceMs !== event.since) return;
        for (const state of [...agent.held].sort((a, b) => a.conversation.id - b.conversation.id)) requeue(state, nowMs, "away");
        return;
      }
      case "noReply": {
        const { state } = event;
        if (state.epoch === event.epoch && state.status === "assigned") requeue(state, nowMs, "noReply");
        return;
      }
      case "arrive": {
        const { state } = event;
        const c = state.conversation;
        state.outcome.outsideHours = !open;
        enqueue(state, nowMs);
        if (settings.strategy === "manual") at(nowMs + takeDelayMs, { kind: "take", state });
        // Nobody really had it: it left the queue when it was really closed.
        if (c.realAssigneeId === null && c.closedAtMs !== null) at(Math.max(nowMs, c.closedAtMs), { kind: "close", state, epoch: -1 });
        return;
      }
      case "take":
        event.state.takeable = true;
        return;
    }
  };

  arrivals.sort((a, b) => a.atMs - b.atMs);
  let arrived = 0;
  const nextEvent = () => {
    const arrival = arrivals[arrived];
    const heapAt = events.peekAt();
    if (arrival && (heapAt === undefined || arrival.atMs < heapAt || (arrival.atMs === heapAt && PRIORITY.arrive < events.peekPriority()!))) {
      arrived++;
      return arrival;
    }
    return events.pop();
  };
  for (let next = nextEvent(); next; next = nextEvent()) {
    const { atMs, event } = next;
    if (event.kind === "close" && event.epoch === -1) {
      const { state } = event;
      if (state.status === "queued" && state.outcome.firstAssigneeId === null) {
        dequeue(state, atMs);
        state.status = "closed";
        state.outcome.waitMs = atMs - state.conversation.queuedAtMs;
      }
      continue;
    }
    handle(atMs, event);
    if (queue.size === 0) continue;
    if (settings.strategy === "manual") takeWaiting(atMs);
    else drainAuto(atMs);
  }

  noteQueue(toMs - 1);
  for (const agent of agentList) if (agent.onlineSinceMs !== null) agent.outcome.onlineMs += toMs - agent.onlineSinceMs;
  const outcomes = new Map<number, ConversationOutcome>();
  for (const state of states) {
    const { outcome, conversation } = state;
    if (outcome.firstAssignedAtMs !== null) outcome.waitMs = outcome.firstAssignedAtMs - conversation.queuedAtMs;
    else if (state.status !== "closed") outcome.waitMs = toMs - conversation.queuedAtMs;
    outcome.finalAssigneeId = state.status === "queued" || state.status === "pending" ? null : state.assigneeId;
    if (outcome.finalAssigneeId !== null) agents.get(outcome.finalAssigneeId)!.outcome.conversations++;
    outcomes.set(conversation.id, outcome);
  }
  return {
    settings,
    outcomes,
    agents: agentList.map((a) => a.outcome),
    requeues,
    queueLength: samples.map((waiting, i) => ({ atMs: Math.round(fromMs + i * sliceMs), waiting })),
    assignments,
    takeDelayMs,
  };
}
