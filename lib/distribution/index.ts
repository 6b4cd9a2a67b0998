// The distribution engine (docs/behaviour.md#distribution): what server actions, route handlers, socket
// handlers, the sweep timer and scripts call. Each operation commits its own
// transactions and returns every change it made, drains included, for realtime signals.
export type { ConversationChange, DistributionResult } from "./types";
export { routeNewConversation, drainQueue, drainGroups, drainQueuedGroups, sweepQueues, memberGroupIds } from "./drain";
export { requeueByTimers } from "./timers";
export { takeConversation } from "./take-conversation";
export { assignConversation } from "./assign-conversation";
export { transferConversation, type TransferResult } from "./transfer-conversation";
export { closeConversation } from "./close-conversation";
export { reopenConversation } from "./reopen-conversation";
export { setAgentStatus, setOwnStatus } from "./set-agent-status";

// For code that shows or changes what decisions read (the live board, group settings).
export { chooseAgent, turnKey, whyNotEligible, type AgentFacts, type NotEligible, type GroupRules } from "./choose-agent";
export { readAgentFacts } from "./candidates";
export { lockGroup } from "./locks";
